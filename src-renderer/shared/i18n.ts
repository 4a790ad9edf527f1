import { create } from 'zustand';
import type { Bilingual } from '../../src-main/domain/errors.ts';

/** Bahasa Indonesia first, English second: every text a citizen sees exists in both. */
export type Language = 'id' | 'en';

export const texts = {
  welcome: { id: 'Selamat datang', en: 'Welcome' },
  scanPrompt: {
    id: 'Pindai kode QR dari aplikasi M-Paspor di bawah layar',
    en: 'Scan the QR code from the M-Paspor app below the screen',
  },
  typeInstead: { id: 'Ketik kode booking atau NIK', en: 'Type booking code or NIK' },
  typeTitle: { id: 'Ketik kode booking atau NIK Anda', en: 'Type your booking code or NIK' },
  ok: { id: 'Ambil nomor', en: 'Get number' },
  cancel: { id: 'Batal', en: 'Cancel' },
  erase: { id: 'Hapus', en: 'Delete' },
  working: { id: 'Mohon tunggu…', en: 'Please wait…' },
  yourNumber: { id: 'Nomor antrian Anda', en: 'Your queue number' },
  window: { id: 'Jendela kedatangan', en: 'Arrival window' },
  expectedCall: { id: 'Perkiraan dipanggil', en: 'Expected call' },
  waitIn: { id: 'Tunggu di', en: 'Wait in' },
  lane: { id: 'Jalur', en: 'Lane' },
  name: { id: 'Nama', en: 'Name' },
  printing: { id: 'Mencetak tiket…', en: 'Printing your ticket…' },
  takeTicket: { id: 'Ambil tiket Anda di bawah layar.', en: 'Take your ticket below the screen.' },
  notPrinted: {
    id: 'Tiket tidak dapat dicetak. Catat nomor di atas atau foto layar ini, lalu tunggu panggilan. Petugas dapat mencetak ulang.',
    en: 'The ticket could not be printed. Note the number above or photograph this screen, then wait for your call. Staff can reprint it.',
  },
  alreadyHad: {
    id: 'Anda sudah mengambil nomor ini sebelumnya.',
    en: 'You already took this number earlier.',
  },
  comeBackAt: { id: 'Kembali pukul', en: 'Come back at' },
  done: { id: 'Selesai', en: 'Done' },
  switchLanguage: { id: 'English', en: 'Bahasa Indonesia' },
  signInTitle: { id: 'Daftarkan stasiun ini', en: 'Sign this station in' },
  signInHelp: {
    id: 'Masukkan token stasiun dari petugas TI (loket station add).',
    en: 'Enter the station token from the IT officer (loket station add).',
  },
  signIn: { id: 'Masuk', en: 'Sign in' },
  priorityButton: { id: 'Jalur prioritas', en: 'Priority lane' },
  priorityTitle: { id: 'Pilih jalur prioritas', en: 'Choose a priority lane' },
  priorityVerify: {
    id: 'Petugas akan memverifikasi prioritas Anda.',
    en: 'Staff will verify your priority.',
  },
  priorityChosen: { id: 'Jalur prioritas dipilih', en: 'Priority lane chosen' },
  priorityThenScan: { id: 'Sekarang pindai QR Anda.', en: 'Now scan your QR.' },
  lansia: { id: 'Lansia (60 tahun ke atas)', en: 'Elderly (60 and over)' },
  disabilitas: { id: 'Penyandang disabilitas', en: 'Person with a disability' },
  hamil: { id: 'Ibu hamil', en: 'Pregnant' },
  balita: { id: 'Membawa anak di bawah 5 tahun', en: 'With a child under five' },
  quotaTitle: { id: 'Kuota hari ini', en: "Today's quota" },
  quotaRegular: { id: 'Reguler', en: 'Regular' },
  quotaPriority: { id: 'Prioritas', en: 'Priority' },
  wrongMode: {
    id: 'Token ini bukan untuk kios. Gunakan token stasiun kios.',
    en: 'This token is not for a kiosk. Use a kiosk station token.',
  },
} satisfies Record<string, Bilingual>;

interface LanguageState {
  language: Language;
  toggle(): void;
  reset(): void;
}

export const useLanguage = create<LanguageState>((set) => ({
  language: 'id',
  toggle: () => set((s) => ({ language: s.language === 'id' ? 'en' : 'id' })),
  reset: () => set({ language: 'id' }),
}));

/** The text in the chosen language. */
export function useText(): (text: Bilingual) => string {
  const language = useLanguage((s) => s.language);
  return (text) => text[language];
}
