import type { Bilingual } from '../../src-main/domain/errors.ts';

const id = (n: number, digits = 0) =>
  n.toLocaleString('id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const en = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The words of the console's Simulator (Simulasi), Bahasa Indonesia first. */
export const simulatorTexts = {
  tab: { id: 'Simulasi', en: 'Simulator' },
  title: { id: 'Simulasi hari layanan', en: 'Simulate an office day' },
  intro: {
    id: 'Satu hari layanan disimulasikan dengan aturan pemanggilan lantai ini, berulang kali, untuk membandingkan cara pemanggilan. Data lantai tidak diubah.',
    en: "One office day simulated many times with this floor's calling rules, to compare calling policies. The floor's data is not changed.",
  },
  date: { id: 'Tanggal layanan', en: 'Office day' },
  policies: { id: 'Cara pemanggilan', en: 'Calling policies' },
  officers: { id: 'Petugas per tahap', en: 'Officers per stage' },
  bookings: { id: 'Pemesanan', en: 'Bookings' },
  perWindow: {
    id: 'Jumlah pemesanan per jadwal kedatangan dan jalur',
    en: 'Bookings per arrival window and lane',
  },
  imported: {
    id: 'Pemesanan yang diimpor untuk tanggal itu',
    en: "The day's imported bookings",
  },
  windows: (n: number): Bilingual => ({
    id: `${id(n)} jadwal kedatangan sehari`,
    en: `${en(n)} arrival windows a day`,
  }),
  seeds: { id: 'Jumlah hari simulasi', en: 'Simulated days (seeds)' },
  atMost: (n: number): Bilingual => ({ id: `paling banyak ${id(n)}`, en: `at most ${en(n)}` }),
  run: { id: 'Jalankan simulasi', en: 'Run the simulation' },
  stop: { id: 'Hentikan', en: 'Stop' },
  progress: (done: number, total: number): Bilingual => ({
    id: `${id(done)} dari ${id(total)} hari sudah disimulasikan`,
    en: `${en(done)} of ${en(total)} days simulated`,
  }),
  cancelled: { id: 'Simulasi dihentikan.', en: 'The simulation was stopped.' },
  results: { id: 'Hasil simulasi', en: 'Results' },
  about: (bookings: number, seeds: number, open: string, close: string): Bilingual => ({
    id: `${id(bookings)} pemesanan, jam layanan ${open}–${close}, rata-rata dari ${id(seeds)} hari simulasi dengan interval kepercayaan 95%`,
    en: `${en(bookings)} bookings, open ${open}–${close}, the mean of ${en(seeds)} simulated days with its 95% interval`,
  }),
  comparison: (ratio: number, window: number, fifo: number): Bilingual => ({
    id: `Waktu tunggu p90 per jadwal kedatangan = ${id(ratio, 2)} × urut kedatangan; dipanggil sesuai jadwal ${id(window * 100, 1)}% dibanding ${id(fifo * 100, 1)}%.`,
    en: `Wait p90 by arrival window = ${en(ratio, 2)} × first come, first served; called inside the window ${en(window * 100, 1)}% against ${en(fifo * 100, 1)}%.`,
  }),
  measure: { id: 'Ukuran', en: 'Measure' },
  waitP50: { id: 'Waktu tunggu median (menit)', en: 'Median wait (min)' },
  waitP90: { id: 'Waktu tunggu p90 (menit)', en: 'Wait p90 (min)' },
  waitMax: { id: 'Waktu tunggu terlama (menit)', en: 'Longest wait (min)' },
  insideWindowShare: {
    id: 'Dipanggil sesuai jadwal (+15 menit)',
    en: 'Called inside the window (+15 min)',
  },
  served: { id: 'Pemohon dilayani', en: 'Applicants served' },
  lastServed: { id: 'Pemohon terakhir selesai (pukul)', en: 'Last applicant served (time)' },
  overtimeMinutes: { id: 'Lembur petugas (menit)', en: 'Overtime (min)' },
  printerBacklogAtClose: {
    id: 'Antrean cetak paspor saat tutup',
    en: 'Passports waiting to print at close',
  },
  promisesAtRisk: {
    id: 'Janji pengambilan berisiko terlambat',
    en: 'Pickup promises at risk',
  },
  utilisation: (stage: Bilingual): Bilingual => ({
    id: `Utilisasi petugas: ${stage.id} (%)`,
    en: `Officers' utilisation: ${stage.en} (%)`,
  }),
  handover: { id: 'Penyerahan paspor', en: 'Passport handover' },
  queueChart: { id: 'Panjang antrean sepanjang hari', en: 'Queue length over the day' },
  waitChart: { id: 'Sebaran waktu tunggu', en: 'Wait distribution' },
  utilisationChart: { id: 'Utilisasi petugas per tahap', en: "Officers' utilisation per stage" },
  time: { id: 'Pukul', en: 'Time' },
  waiting: { id: 'Pemohon menunggu', en: 'Applicants waiting' },
  waitMinutes: { id: 'Waktu tunggu (menit)', en: 'Wait (minutes)' },
  shareOfApplicants: { id: 'Bagian pemohon (%)', en: 'Share of applicants (%)' },
  stage: { id: 'Tahap', en: 'Stage' },
  utilisationAxis: { id: 'Utilisasi (%)', en: 'Utilisation (%)' },
  lanes: {
    regular: { id: 'Reguler', en: 'Regular' },
    lansia: { id: 'Lansia', en: 'Elderly' },
    disabilitas: { id: 'Disabilitas', en: 'Disabled' },
    hamil: { id: 'Ibu hamil', en: 'Pregnant' },
    balita: { id: 'Anak balita', en: 'Under five' },
  },
} as const;
