import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.ts';

/**
 * WAL checkpoints off the request path. SQLite copies the write-ahead log back into the database
 * file after the commit that takes the log past `wal_autocheckpoint` pages, in that commit's call:
 * on a floor with a year of history the pages are scattered over a 3 GB file, and the check-in
 * that happened to cross the line waited for the copy (the bench's p99 with history was about
 * twice the p99 without). The hub instead checkpoints from a second connection in a worker thread,
 * every `everyMs`, passively: it copies what is committed without stopping the writer, and commits
 * stay durable as before (each reaches the log on disk before it returns; a checkpoint only moves
 * it). The hub's own connection keeps an automatic checkpoint at a higher mark, in case the
 * worker falls behind or cannot start.
 */
export interface Checkpointer {
  /** Resolves after the worker's last checkpoint, once its connection is closed. */
  close(): Promise<void>;
}

export interface CheckpointReport {
  /** Frames in the log, and how many of them are in the database file now. */
  log: number;
  checkpointed: number;
}

/** The hub's connection checkpoints by itself only past this many pages (16 MB) while the worker runs. */
export const backstopPages = 4000;
const sqliteDefaultPages = 1000;

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, {
  fileMustExist: true,
  ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}),
});
db.pragma('busy_timeout = 1000');
let timer = null;
const checkpoint = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
};
const tick = () => {
  checkpoint();
  timer = setTimeout(tick, workerData.everyMs);
};
timer = setTimeout(tick, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearTimeout(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ closed: true });
});
`;

/** Starts checkpointing the database of `db` (a file in WAL mode) from a worker thread. */
export function startCheckpointer(
  db: Db,
  options: {
    everyMs?: number;
    log?: (line: string) => void;
    onReport?: (report: CheckpointReport) => void;
  } = {},
): Checkpointer {
  const log = options.log ?? (() => {});
  const fallBack = (why: string) => {
    db.pragma(`wal_autocheckpoint = ${sqliteDefaultPages}`);
    log(`hub: WAL checkpoints back in the writer's commits (${why})`);
  };
  let worker: Worker;
  try {
    worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: db.name,
        nativeBinding: process.env.LOKET_SQLITE_BINDING ?? null,
        everyMs: options.everyMs ?? 1000,
      },
    });
  } catch (error) {
    fallBack(String(error));
    return { close: () => Promise.resolve() };
  }
  db.pragma(`wal_autocheckpoint = ${backstopPages}`);
  let closed = false;
  let lastError: string | null = null;
  const done = new Promise<void>((resolve) => {
    worker.on('message', (message: CheckpointReport | { error: string } | { closed: true }) => {
      if ('closed' in message) resolve();
      else if ('error' in message) {
        // Said once per new error, not every second.
        if (message.error !== lastError) log(`hub: WAL checkpoint: ${message.error}`);
        lastError = message.error;
      } else {
        lastError = null;
        options.onReport?.(message);
      }
    });
    worker.on('error', (error) => {
      if (!closed) fallBack(error.message);
      resolve();
    });
    worker.on('exit', () => resolve());
  });
  // The worker never keeps the process alive on its own.
  worker.unref();
  return {
    close: async () => {
      if (closed) return done;
      closed = true;
      // Held open until the worker answers: a hub shutting down waits for its last checkpoint.
      worker.ref();
      worker.postMessage('close');
      await done;
      await worker.terminate();
      if (db.open) db.pragma(`wal_autocheckpoint = ${sqliteDefaultPages}`);
    },
  };
}
