import type { Bilingual } from '../../src-main/domain/errors.ts';

/** The help desk's words, Bahasa Indonesia first. */
export const helpDeskTexts = {
  title: { id: 'Meja bantuan', en: 'Help desk' },
  searchLabel: { id: 'Kode booking, NIK atau nama', en: 'Booking code, NIK or name' },
  search: { id: 'Cari', en: 'Search' },
  searching: { id: 'Mencari…', en: 'Searching…' },
  noMatch: { id: 'Tidak ada booking yang cocok.', en: 'No booking matches.' },
  unverifiedOffer: {
    id: 'Daftar jadwal M-Paspor sedang tidak dapat dijangkau. Warga dengan bukti booking ini dapat diberi nomor antrean yang belum terverifikasi; loket pertama memeriksa bukti bookingnya.',
    en: 'The M-Paspor appointment list cannot be reached. A citizen with proof of this booking can get an unverified queue number; the first counter checks the booking.',
  },
  issueUnverified: { id: 'Terbitkan nomor belum terverifikasi', en: 'Issue an unverified number' },
  bookingCode: { id: 'Kode booking', en: 'Booking code' },
  nik: { id: 'NIK', en: 'NIK' },
  birthDate: { id: 'Tanggal lahir', en: 'Date of birth' },
  schedule: { id: 'Jadwal kedatangan', en: 'Arrival time' },
  notToday: { id: 'bukan hari ini', en: 'not today' },
  checkedIn: { id: 'Nomor antrean', en: 'Queue number' },
  notCheckedIn: { id: 'Belum mengambil nomor antrean', en: 'Has not taken a queue number' },
  call: { id: 'Panggilan', en: 'Call' },
  notCalled: { id: 'Belum dipanggil', en: 'Not called yet' },
  application: { id: 'Permohonan', en: 'Application' },
  noApplication: { id: 'Belum ada permohonan', en: 'No application yet' },
  pickupDate: { id: 'Tanggal pengambilan', en: 'Pickup date' },
  printedTimes: { id: 'Dicetak', en: 'Printed' },
  times: { id: 'kali', en: 'times' },
  reprintsLeft: { id: 'sisa cetak ulang', en: 'reprints left' },
  unverified: { id: 'BELUM TERVERIFIKASI', en: 'UNVERIFIED' },
  checkIn: { id: 'Ambilkan nomor antrean', en: 'Check in for the citizen' },
  print: { id: 'Cetak tiket', en: 'Print ticket' },
  reprint: { id: 'Cetak ulang tiket', en: 'Reprint ticket' },
  issued: { id: 'Nomor antrean diterbitkan', en: 'Queue number issued' },
  already: { id: 'Warga ini sudah memegang nomor', en: 'This citizen already holds number' },
  printed: { id: 'Tiket tercetak di printer meja ini.', en: "The ticket came out of this desk's printer." },
  approvalTitle: { id: 'Persetujuan supervisor', en: "Supervisor's approval" },
  approvalHelp: {
    id: 'Batas cetak ulang sudah tercapai. Supervisor lain mengetikkan nama pengguna dan PIN-nya untuk menyetujui.',
    en: 'The reprint limit is reached. Another supervisor types their username and PIN to approve.',
  },
  supervisorUsername: { id: 'Nama pengguna supervisor', en: "Supervisor's username" },
  supervisorPin: { id: 'PIN supervisor', en: "Supervisor's PIN" },
  approveAndPrint: { id: 'Setujui dan cetak', en: 'Approve and print' },
  cancel: { id: 'Batal', en: 'Cancel' },
  signOut: { id: 'Keluar', en: 'Sign out' },
} satisfies Record<string, Bilingual>;

/** A queue entry's state as the desk says it. */
export const visitStatusTexts: Record<string, Bilingual> = {
  waiting: { id: 'menunggu', en: 'waiting' },
  called: { id: 'sedang dipanggil', en: 'being called' },
  serving: { id: 'sedang dilayani', en: 'being served' },
  held: { id: 'ditunda di loket', en: 'held at a counter' },
  done: { id: 'selesai', en: 'done' },
  no_show: { id: 'tidak hadir saat dipanggil', en: 'did not come when called' },
  transferred: { id: 'dialihkan', en: 'transferred' },
  cancelled: { id: 'dibatalkan', en: 'cancelled' },
};

export const applicationStatusTexts: Record<string, Bilingual> = {
  interview: { id: 'wawancara', en: 'interview' },
  postponed: { id: 'ditunda', en: 'postponed' },
  refused: { id: 'ditolak', en: 'refused' },
  adjudication: { id: 'menunggu keputusan', en: 'awaiting decision' },
};

export const printStateTexts: Record<string, Bilingual> = {
  queued: { id: 'dalam antrean cetak', en: 'in the print queue' },
  printing: { id: 'sedang dicetak', en: 'printing' },
  printed: { id: 'tercetak, menunggu pemeriksaan mutu', en: 'printed, awaiting the quality check' },
  ready: { id: 'siap diambil', en: 'ready for pickup' },
  collected: { id: 'sudah diserahkan', en: 'handed over' },
};
