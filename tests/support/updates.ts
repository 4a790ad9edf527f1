import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The bytes of a fake installer: a few KB, different for every version, the same on every run. */
export function fakeInstallerBytes(version: string, size = 6000): Buffer {
  const bytes = Buffer.alloc(size);
  let seed = [...version].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 7) >>> 0;
  for (let i = 0; i < size; i += 1) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  return bytes;
}

export const sha512Base64 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64');

/**
 * An electron-builder output folder as the IT person would copy it: `Loket-<version>.AppImage`, its
 * blockmap, and a `latest-linux.yml` naming it with its sha512 and size (a `stagingPercentage` of
 * electron-builder's own too, which the hub must not pass on).
 */
export function fakeLinuxRelease(parent: string, version: string, size = 6000): string {
  const dir = fs.mkdtempSync(path.join(parent, `release-${version}-`));
  const installer = `Loket-${version}.AppImage`;
  const bytes = fakeInstallerBytes(version, size);
  fs.writeFileSync(path.join(dir, installer), bytes);
  fs.writeFileSync(
    path.join(dir, `${installer}.blockmap`),
    gzipSync(
      JSON.stringify({ version: '2', files: [{ name: 'file', offset: 0, checksums: [], sizes: [] }] }),
    ),
  );
  const sha512 = sha512Base64(bytes);
  fs.writeFileSync(
    path.join(dir, 'latest-linux.yml'),
    [
      `version: ${version}`,
      'files:',
      `  - url: ${installer}`,
      `    sha512: ${sha512}`,
      `    size: ${size}`,
      '    blockMapSize: 120',
      `path: ${installer}`,
      `sha512: ${sha512}`,
      "releaseDate: '2026-12-07T08:00:00.000Z'",
      'stagingPercentage: 50',
      '',
    ].join('\n'),
  );
  return dir;
}
