/**
 * What can go wrong with a fingerprint reader, as an officer should read it: every error code of
 * the SBI 1.0 specification (0, 100–112, 202 and the vendors' own 5xx) and the client's own
 * problems, each with a message in Bahasa Indonesia and English that says what to do next.
 */
export interface Problem {
  code: FingerprintErrorCode;
  id: string;
  en: string;
}

/** `sbi_<code>` for a code the device sent; the rest are what the client itself found. */
export type FingerprintErrorCode =
  | `sbi_${number}`
  | 'no_device'
  | 'device_lost'
  | 'timeout'
  | 'hash_chain_broken'
  | 'malformed_response'
  | 'signature_invalid';

type Text = { id: string; en: string };

const sbiTexts: Record<number, Text> = {
  0: { id: 'Berhasil.', en: 'Success.' },
  100: {
    id: 'Pemindai sidik jari belum terdaftar. Minta petugas TI mendaftarkan perangkat ini.',
    en: 'The fingerprint reader is not registered. Ask IT to register it.',
  },
  101: {
    id: 'Jari tidak terdeteksi. Minta pemohon meletakkan jari rata di kaca pemindai, lalu ulangi.',
    en: 'No finger was detected. Ask the applicant to lay the finger flat on the glass, then try again.',
  },
  102: {
    id: 'Gambar sidik jari tidak dapat diolah pemindai. Bersihkan kaca pemindai, lalu ulangi.',
    en: 'The reader could not process the fingerprint image. Clean the glass, then try again.',
  },
  103: {
    id: 'Pemindai mendeteksi perusakan perangkat. Jangan dipakai lagi dan lapor ke supervisor.',
    en: 'The reader reports it has been tampered with. Stop using it and tell the supervisor.',
  },
  104: {
    id: 'Pemindai tidak dapat menghubungi server pengelola vendornya. Hubungi petugas TI.',
    en: "The reader cannot reach its vendor's management server. Call IT.",
  },
  105: {
    id: 'Posisi jari miring. Minta pemohon meletakkan jari lurus dengan ujung jari ke atas, lalu ulangi.',
    en: 'The finger is at the wrong angle. Ask for it straight, fingertip up, then try again.',
  },
  106: {
    id: 'Pemindai tidak ditemukan oleh layanan perangkat. Periksa kabel USB pemindai.',
    en: "The device service cannot find the reader. Check the reader's USB cable.",
  },
  107: {
    id: 'Kunci perangkat pemindai sudah kedaluwarsa. Hubungi petugas TI.',
    en: "The reader's device key has expired. Call IT.",
  },
  108: {
    id: 'Kunci publik domain belum dipasang di pemindai. Hubungi petugas TI.',
    en: 'The domain public key is missing on the reader. Call IT.',
  },
  109: {
    id: 'Pemindai ini tidak dapat mengambil jari sebanyak atau sejenis yang diminta. Periksa pengaturan set jari stasiun.',
    en: "This reader cannot capture the fingers requested. Check the station's finger set.",
  },
  110: {
    id: 'Pemindai belum siap. Tunggu sebentar, lalu ulangi.',
    en: 'The reader is not ready. Wait a moment, then try again.',
  },
  111: {
    id: 'Pemindai sedang melayani pengambilan lain. Tunggu sampai selesai, lalu ulangi.',
    en: 'The reader is busy with another capture. Wait for it to finish, then try again.',
  },
  112: {
    id: 'Pemindai menolak nomor transaksi permintaan. Ulangi; bila terulang, hubungi petugas TI.',
    en: 'The reader refused the transaction ID. Try again; if it repeats, call IT.',
  },
  202: {
    id: 'Tidak ada pemindai yang tersambung ke layanan perangkat. Periksa kabel USB pemindai.',
    en: "No reader is connected to the device service. Check the reader's USB cable.",
  },
};

/** The SBI error codes the specification defines (5xx are the vendors' own). */
export const sbiErrorCodes = Object.keys(sbiTexts).map(Number);

const clientTexts: Record<Exclude<FingerprintErrorCode, `sbi_${number}`>, Text> = {
  no_device: {
    id: 'Tidak ada pemindai sidik jari yang menjawab. Pastikan pemindai tersambung dan layanan perangkatnya berjalan.',
    en: 'No fingerprint reader answered. Check that it is plugged in and its device service is running.',
  },
  device_lost: {
    id: 'Sambungan ke pemindai terputus. Periksa kabel pemindai, lalu ambil ulang jari ini.',
    en: 'The connection to the reader was lost. Check its cable, then capture this finger again.',
  },
  timeout: {
    id: 'Pemindai tidak menjawab tepat waktu. Periksa pemindai, lalu ulangi.',
    en: 'The reader did not answer in time. Check it, then try again.',
  },
  hash_chain_broken: {
    id: 'Rantai hash hasil pemindaian tidak cocok, jadi hasil ditolak. Ambil ulang dan lapor ke supervisor.',
    en: "The capture's hash chain does not match, so it was refused. Capture again and tell the supervisor.",
  },
  malformed_response: {
    id: 'Jawaban pemindai tidak dapat dibaca, jadi hasil ditolak. Ulangi; bila terulang, hubungi petugas TI.',
    en: "The reader's answer could not be read, so it was refused. Try again; if it repeats, call IT.",
  },
  signature_invalid: {
    id: 'Tanda tangan digital hasil pemindaian tidak sah, jadi hasil ditolak. Lapor ke supervisor.',
    en: "The capture's digital signature does not verify, so it was refused. Tell the supervisor.",
  },
};

/** The message for an error code a device sent; `info` is the device's own errorInfo. */
export function sbiProblem(code: number, info = ''): Problem {
  const known = sbiTexts[code];
  if (known) return { code: `sbi_${code}`, ...known };
  const said = info.trim() ? `: ${info.trim().slice(0, 200)}` : '';
  if (code >= 500 && code <= 599)
    return {
      code: `sbi_${code}`,
      id: `Pemindai melaporkan kesalahan khusus vendor (kode ${code}${said}). Ulangi; bila terulang, hubungi petugas TI.`,
      en: `The reader reported a vendor error (code ${code}${said}). Try again; if it repeats, call IT.`,
    };
  return {
    code: `sbi_${code}`,
    id: `Pemindai melaporkan kesalahan yang tidak dikenal (kode ${code}${said}). Hubungi petugas TI.`,
    en: `The reader reported an unknown error (code ${code}${said}). Call IT.`,
  };
}

export function clientProblem(code: Exclude<FingerprintErrorCode, `sbi_${number}`>): Problem {
  return { code, ...clientTexts[code] };
}

/** A capture or request that failed; `detail` is for the log, the problem for the officer. */
export class FingerprintError extends Error {
  constructor(
    readonly problem: Problem,
    readonly detail = '',
  ) {
    super(`${problem.code}: ${problem.en}${detail ? ` (${detail})` : ''}`);
    this.name = 'FingerprintError';
  }

  get code(): FingerprintErrorCode {
    return this.problem.code;
  }
}

export const fail = (code: Exclude<FingerprintErrorCode, `sbi_${number}`>, detail = ''): FingerprintError =>
  new FingerprintError(clientProblem(code), detail);
