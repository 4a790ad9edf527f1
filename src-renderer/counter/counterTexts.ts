/**
 * The counter's words for its desk, priority claims and breaks (Bahasa Indonesia first, English
 * second), kept beside the screens that say them.
 */
export const counterTexts = {
  thisDesk: { id: 'Stasiun ini adalah', en: 'This station is' },
  deskUnset: {
    id: 'Nomor loket stasiun ini belum ditetapkan. Minta supervisor menetapkannya di panel Stasiun.',
    en: "This station's counter number is not set. Ask a supervisor to set it in the Stations panel.",
  },
  claimedAtKiosk: { id: 'Diklaim di kios', en: 'Claimed at the kiosk' },
  claimLate: {
    id: 'Datang terlambat: menunggu di jalur siaga, klaim tetap dicatat.',
    en: 'Arrived late: waits in the standby lane, the claim kept.',
  },
  claimCheck: {
    id: 'Periksa klaim ini sebelum melayani: konfirmasi, atau tolak dengan alasan.',
    en: 'Check this claim before serving: confirm it, or refuse it with a reason.',
  },
  confirmClaim: { id: 'Konfirmasi prioritas', en: 'Confirm priority' },
  refuseClaim: { id: 'Tolak prioritas', en: 'Refuse priority' },
  refuseReason: { id: 'Alasan penolakan', en: 'Reason for refusing' },
  claimConfirmed: { id: 'Prioritas dikonfirmasi', en: 'Priority confirmed' },
  claimRefused: { id: 'Prioritas ditolak', en: 'Priority refused' },
  by: { id: 'oleh', en: 'by' },
  breakReason: { id: 'Alasan istirahat', en: 'Reason for the break' },
  chooseBreakReason: { id: 'Pilih alasan', en: 'Choose a reason' },
  startBreak: { id: 'Mulai istirahat', en: 'Start the break' },
  endBreakAsk: {
    id: 'Loket sedang istirahat. Akhiri istirahat dan panggil berikutnya?',
    en: 'The counter is on a break. End the break and call the next ticket?',
  },
  endBreakAndCall: { id: 'Akhiri istirahat dan panggil', en: 'End the break and call' },
  stayOnBreak: { id: 'Tetap istirahat', en: 'Stay on break' },
  istirahat: { id: 'Istirahat', en: 'Rest' },
  sholat: { id: 'Salat', en: 'Prayer' },
  rapat: { id: 'Rapat', en: 'Meeting' },
  gangguan: { id: 'Gangguan', en: 'Disruption' },
  noReason: { id: 'Tanpa alasan', en: 'No reason' },
} as const;
