import fs from 'node:fs';

/**
 * The floor's files hold NIKs, names, phones and token and PIN hashes: its data folder is the
 * hub's user's only (0700) and every database and backup file too (0600), whatever the umask.
 * SQLite gives a database's `-wal`, `-shm` and `-journal` the database file's own mode, so a
 * database made 0600 before SQLite opens it keeps its companions private. Windows has no such
 * modes: nothing is done there.
 */
export const privateFolderMode = 0o700;
export const privateFileMode = 0o600;

const posix = process.platform !== 'win32';

/** Makes `dir` (and its missing parents) if it is not there, the folder itself 0700. */
export function makePrivateFolder(dir: string): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: privateFolderMode });
  if (posix) fs.chmodSync(dir, privateFolderMode);
}

/**
 * Makes `file` empty and 0600 if it is not there (an empty file is an empty SQLite database), and
 * takes group and other access away from it and its `-wal`/`-shm`/`-journal` if they had any.
 */
export function makePrivateDatabaseFile(file: string): void {
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', privateFileMode));
  for (const each of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) makePrivate(each);
}

/** Takes group and other access away from `file` (a file 0600, a folder 0700); false if it is not there. */
export function makePrivate(file: string): boolean {
  if (!posix) return false;
  try {
    const stat = fs.statSync(file);
    if ((stat.mode & 0o077) === 0) return false;
    fs.chmodSync(file, stat.isDirectory() ? privateFolderMode : privateFileMode);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** The permission bits of `file` when others than its owner may use it, else null (or not there). */
export function openToOthers(file: string): number | null {
  if (!posix) return null;
  try {
    const mode = fs.statSync(file).mode & 0o777;
    return mode & 0o077 ? mode : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
