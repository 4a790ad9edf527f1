import type { Bilingual } from '../../src-main/domain/errors.ts';

const id = (n: number, digits = 0) =>
  n.toLocaleString('id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const en = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The words of the Simulator's quota planner (Rencanakan kuota), Bahasa Indonesia first. */
export const quotaPlanTexts = {
  title: { id: 'Rencanakan kuota', en: 'Plan the quota' },
  intro: {
    id: 'Mencari kuota per jadwal kedatangan terbesar yang masih memenuhi target, dengan petugas, mesin cetak dan jam layanan kantor ini. Jalur prioritas tetap mendapat bagiannya dari kuota sekarang. Perencanaan tidak mengubah apa pun; kuota baru berlaku setelah diterapkan.',
    en: "Finds the largest quota per arrival window that still meets the target with this office's officers, printer and hours. The priority lanes keep their share of the current quota. Planning changes nothing; a new quota takes effect once applied.",
  },
  target: { id: 'Target', en: 'Target' },
  targetP90: { id: 'Target waktu tunggu p90 (menit)', en: 'Target p90 wait (minutes)' },
  inside: { id: 'Dipanggil sesuai jadwal, paling sedikit (%)', en: 'Called inside the window, at least (%)' },
  overtime: { id: 'Batas lembur (menit, boleh kosong)', en: 'Overtime limit (minutes, optional)' },
  seeds: { id: 'Jumlah hari simulasi per kuota', en: 'Simulated days (seeds) per quota' },
  run: { id: 'Rencanakan kuota', en: 'Plan the quota' },
  stop: { id: 'Hentikan', en: 'Stop' },
  progress: (done: number, total: number, seeds: number): Bilingual => ({
    id: `${id(done)} dari paling banyak ${id(total)} kuota sudah dinilai, masing-masing ${id(seeds)} hari simulasi`,
    en: `${en(done)} of at most ${en(total)} quotas judged, each on ${en(seeds)} simulated days`,
  }),
  cancelled: { id: 'Perencanaan dihentikan.', en: 'The planning was stopped.' },
  result: { id: 'Rencana kuota', en: 'Quota plan' },
  about: (seeds: number, p90: number, inside: number): Bilingual => ({
    id: `Target: waktu tunggu p90 paling lama ${id(p90, 0)} menit, paling sedikit ${id(inside * 100, 0)}% dipanggil sesuai jadwal, semua janji pengambilan tertepati; dinilai dari ${id(seeds)} hari simulasi pada batas interval 95% yang terburuk.`,
    en: `Target: p90 wait at most ${en(p90, 0)} minutes, at least ${en(inside * 100, 0)}% called inside the window, every pickup promise kept; judged on ${en(seeds)} simulated days at the worse end of the 95% interval.`,
  }),
  lane: { id: 'Jalur', en: 'Lane' },
  now: { id: 'Sekarang', en: 'Now' },
  planned: { id: 'Rencana', en: 'Planned' },
  perWindow: { id: 'Jumlah per jadwal kedatangan', en: 'Total per arrival window' },
  perDay: { id: 'Pemesanan sehari', en: 'Bookings a day' },
  figuresAt: (total: number): Bilingual => ({
    id: `Dengan ${id(total)} pemesanan per jadwal`,
    en: `At ${en(total)} bookings a window`,
  }),
  mean: { id: 'Rata-rata', en: 'Mean' },
  judged: { id: 'Yang dinilai', en: 'Judged' },
  visitWait: { id: 'Waktu tunggu p90, seluruh kunjungan (menit)', en: 'Wait p90, whole visit (min)' },
  firstCall: { id: 'Waktu tunggu p90 sampai dipanggil (menit)', en: 'Wait p90 to the first call (min)' },
  insideShare: { id: 'Dipanggil sesuai jadwal (+15 menit)', en: 'Called inside the window (+15 min)' },
  promises: { id: 'Janji pengambilan berisiko terlambat', en: 'Pickup promises at risk' },
  overtimeFigure: { id: 'Lembur petugas (menit)', en: 'Overtime (min)' },
  served: { id: 'Pemohon dilayani', en: 'Applicants served' },
  backlog: { id: 'Antrean cetak paspor saat tutup', en: 'Passports waiting to print at close' },
  utilisation: (stage: string): Bilingual => ({
    id: `Utilisasi petugas: ${stage}`,
    en: `Officers' utilisation: ${stage}`,
  }),
  worstSeed: { id: 'hari terburuk', en: 'worst day' },
  meets: { id: 'Kuota ini memenuhi target.', en: 'This quota meets the target.' },
  meetsNot: {
    id: 'Tidak ada kuota yang memenuhi target, bahkan tanpa pemesanan: kuota ini tidak dapat diterapkan. Longgarkan target atau tambah petugas.',
    en: 'No quota meets the target, not even a day without bookings: this quota cannot be applied. Loosen the target or add officers.',
  },
  apply: { id: 'Terapkan kuota ini', en: 'Apply this quota' },
  confirmTitle: { id: 'Terapkan kuota ini?', en: 'Apply this quota?' },
  confirmHelp: {
    id: 'Kuota per jadwal kedatangan kantor berubah untuk pemesanan berikutnya, dan perubahan dicatat atas nama Anda.',
    en: "The office's quota per arrival window changes for the bookings to come, and the change is logged in your name.",
  },
  unchanged: { id: 'tetap', en: 'unchanged' },
  cancel: { id: 'Batal', en: 'Cancel' },
  confirm: { id: 'Ya, terapkan', en: 'Yes, apply it' },
  applied: (by: string, changed: boolean): Bilingual =>
    changed
      ? {
          id: `Kuota diterapkan oleh ${by}.`,
          en: `The quota was applied by ${by}.`,
        }
      : {
          id: `Kuota kantor sudah sama dengan rencana ini; tidak ada yang berubah (${by}).`,
          en: `The office's quota already matches this plan; nothing changed (${by}).`,
        },
} as const;
