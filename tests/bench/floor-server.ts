// The floor: the least a durable check-in can cost on this machine. A bare node:http server on
// loopback that, per request, reads a JSON body, does one SQLite insert committed the way the hub
// commits (better-sqlite3, journal_mode=WAL, synchronous=FULL, as src-main/store/db.ts), and answers
// JSON. Forked by the bench: `floor-server.ts DATA_DIR`; reports {type:'listening', url} over IPC.
import Database from 'better-sqlite3';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const dataDir = process.argv[2];
if (!dataDir || !process.send) {
  console.error('usage: forked by the bench with a data folder: floor-server.ts DATA_DIR');
  process.exit(1);
}

const db = new Database(path.join(dataDir, 'floor.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
db.exec(`CREATE TABLE IF NOT EXISTS requests (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  received_at INTEGER NOT NULL
)`);
const insert = db.prepare('INSERT INTO requests (text, received_at) VALUES (?, ?) RETURNING id').pluck();

const reply = (response: http.ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
};

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let text: unknown;
    try {
      text = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: unknown }).text;
    } catch {
      reply(response, 400, { error: 'malformed JSON' });
      return;
    }
    if (typeof text !== 'string') {
      reply(response, 400, { error: 'text must be a string' });
      return;
    }
    const id = insert.get(text, Date.now()) as number;
    reply(response, 200, { id, number: `F-${id}`, text });
  });
});
server.keepAliveTimeout = 72_000; // as Fastify's default, which the hub uses

const stop = () => {
  server.close();
  server.closeAllConnections();
  if (db.open) db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'listening', url: `http://127.0.0.1:${port}` });
});
