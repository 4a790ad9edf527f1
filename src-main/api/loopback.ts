/** 127.0.0.1, ::1, localhost: a hub only this PC can reach may speak plain HTTP; no other may. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}
