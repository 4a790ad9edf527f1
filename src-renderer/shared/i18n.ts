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
  exitTitle: { id: 'Keluar dari stasiun', en: 'Leave this station' },
  exitHelp: { id: 'Masukkan PIN supervisor.', en: 'Enter the supervisor PIN.' },
  exitConfirm: { id: 'Keluar', en: 'Exit' },
  setupTitle: { id: 'Siapkan komputer ini', en: 'Set up this computer' },
  setupHub: { id: 'Komputer ini adalah hub', en: 'This computer is the hub' },
  setupHubHelp: {
    id: 'Database lantai ada di komputer ini. Pilih untuk satu komputer, atau komputer hub kantor.',
    en: "The floor's database lives on this computer. Choose it for a single PC, or the office's hub PC.",
  },
  setupJoin: { id: 'Gabung ke hub', en: 'Join a hub' },
  setupJoinHelp: {
    id: 'Hub ada di komputer lain. Minta kode pasangan di hub (loket station add / pair).',
    en: 'The hub is another computer. Get a pairing code at the hub (loket station add / pair).',
  },
  setupMode: { id: 'Peran stasiun', en: 'Station role' },
  modeKiosk: { id: 'Kios', en: 'Kiosk' },
  modeCounter: { id: 'Loket petugas', en: 'Counter' },
  modePrint: { id: 'Cetak paspor', en: 'Passport print' },
  modeDisplay: { id: 'Papan panggilan', en: 'Now-serving board' },
  modeSupervisor: { id: 'Supervisor', en: 'Supervisor' },
  setupName: { id: 'Nama stasiun', en: 'Station name' },
  setupLan: {
    id: 'Stasiun lain akan bergabung ke komputer ini lewat jaringan',
    en: 'Other stations will join this computer over the network',
  },
  setupHubUrl: { id: 'Alamat hub', en: 'Hub address' },
  setupCode: { id: 'Kode pasangan', en: 'Pairing code' },
  setupPrinter: {
    id: 'Printer tiket (alamat IP, kosongkan bila tidak ada)',
    en: 'Ticket printer (IP address, empty if none)',
  },
  setupPin: { id: 'PIN supervisor untuk keluar (6–12 angka)', en: 'Supervisor exit PIN (6–12 digits)' },
  setupPinAgain: { id: 'Ulangi PIN', en: 'PIN again' },
  setupPinsDiffer: { id: 'Kedua PIN tidak sama.', en: 'The two PINs differ.' },
  setupPrinterInvalid: {
    id: 'Alamat printer tidak valid (contoh 10.0.0.21 atau 10.0.0.21:9100).',
    en: 'Not a printer address (e.g. 10.0.0.21 or 10.0.0.21:9100).',
  },
  setupSave: { id: 'Simpan dan mulai', en: 'Save and start' },
  setupBack: { id: 'Kembali', en: 'Back' },
  notBuiltYet: {
    id: 'Layar untuk peran ini belum tersedia pada versi ini.',
    en: "This role's screen is not in this version yet.",
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
