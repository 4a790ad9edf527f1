import type { Bilingual } from '../../../src-main/domain/errors.ts';

/**
 * The face photo's texts, Bahasa Indonesia first. Kept beside the component rather than in
 * shared/i18n.ts so the photo stays one folder; shown with shared/i18n.ts's `useText`.
 */
export const faceTexts = {
  title: { id: 'Foto wajah', en: 'Face photo' },
  startingCamera: { id: 'Menyalakan kamera…', en: 'Starting the camera…' },
  loadingDetector: { id: 'Memuat pemeriksa wajah…', en: 'Loading the face checker…' },
  cameraFailed: {
    id: 'Kamera tidak dapat dibuka. Periksa kabel kamera dan izin kamera, lalu coba lagi.',
    en: 'The camera could not be opened. Check its cable and the camera permission, then try again.',
  },
  detectorFailed: {
    id: 'Pemeriksa wajah tidak dapat dimuat. Foto tetap dapat diambil dengan alasan petugas.',
    en: 'The face checker could not be loaded. A photo can still be taken with an officer’s reason.',
  },
  captureFailed: {
    id: 'Foto tidak dapat diambil. Coba lagi.',
    en: 'The photo could not be taken. Try again.',
  },
  preview: { id: 'Pratinjau kamera', en: 'Camera preview' },
  capture: { id: 'Ambil foto', en: 'Take photo' },
  retake: { id: 'Ulangi', en: 'Retake' },
  accept: { id: 'Gunakan foto', en: 'Use this photo' },
  acceptOverride: { id: 'Gunakan foto dengan alasan', en: 'Use this photo with the reason' },
  cancel: { id: 'Batal', en: 'Cancel' },
  result: { id: 'Foto 35 × 45 mm', en: 'Photo 35 × 45 mm' },
  checksTitle: { id: 'Pemeriksaan foto', en: 'Photo checks' },
  overrideReason: {
    id: 'Alasan petugas (wajib karena ada pemeriksaan yang gagal)',
    en: 'Officer’s reason (required because a check failed)',
  },
  ready: { id: 'Siap. Ambil foto.', en: 'Ready. Take the photo.' },
  allPassed: { id: 'Semua pemeriksaan lolos.', en: 'Every check passed.' },
  pass: { id: 'Lolos', en: 'Passed' },
  fail: { id: 'Gagal', en: 'Failed' },
  unchecked: { id: 'Belum diperiksa', en: 'Not checked' },
} satisfies Record<string, Bilingual>;

/** What each check is called in the list under the photo. */
export const checkNames = {
  exposure: { id: 'Pencahayaan', en: 'Exposure' },
  oneFace: { id: 'Satu wajah', en: 'One face' },
  framing: { id: 'Ukuran dan letak kepala', en: 'Head size and position' },
  frontal: { id: 'Menghadap lurus (±5°)', en: 'Facing straight (±5°)' },
  eyesOpen: { id: 'Mata terbuka', en: 'Eyes open' },
  background: { id: 'Latar polos dan terang', en: 'Plain light background' },
  sharpness: { id: 'Ketajaman', en: 'Sharpness' },
} satisfies Record<string, Bilingual>;

/** What the citizen is told to do when a check fails. */
export const guidance = {
  noFace: { id: 'Wajah tidak terlihat. Lihat ke kamera', en: 'No face found. Look at the camera' },
  manyFaces: { id: 'Hanya satu wajah', en: 'Only one face' },
  moveCloser: { id: 'Mendekat ke kamera', en: 'Move closer' },
  moveBack: { id: 'Mundur sedikit dari kamera', en: 'Move a little further back' },
  moveToCentre: { id: 'Geser ke tengah', en: 'Move to the centre' },
  lookStraight: { id: 'Lihat lurus ke kamera', en: 'Look straight at the camera' },
  headLevel: { id: 'Tegakkan kepala', en: 'Keep your head level' },
  openEyes: { id: 'Buka mata', en: 'Open your eyes' },
  background: {
    id: 'Latar belakang harus polos dan terang',
    en: 'Background must be plain and light',
  },
  tooDark: { id: 'Terlalu gelap', en: 'Too dark' },
  tooBright: { id: 'Terlalu terang', en: 'Too bright' },
  blurred: { id: 'Foto kabur. Tetap diam sebentar', en: 'The photo is blurred. Hold still' },
} satisfies Record<string, Bilingual>;
