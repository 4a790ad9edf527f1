import net from 'node:net';

export type ProxyMode =
  /** Bytes flow both ways. */
  | 'pass'
  /** Connections are refused: open ones are cut, new ones closed at once (a pulled cable, a dead hub). */
  | 'drop'
  /** Connections are accepted and then nothing comes back (a switch that lost its uplink). */
  | 'stall';

/**
 * A TCP proxy on loopback standing between a station and its hub, for fault injection: it can
 * drop or stall every connection, delay what it forwards, and be pointed at a restarted hub.
 */
export class FaultProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private mode: ProxyMode = 'pass';
  /** Milliseconds each chunk from the station waits before it goes on to the hub. */
  delayMs = 0;

  private constructor(private target: number) {
    this.server = net.createServer((client) => this.accept(client));
  }

  static async start(targetPort: number): Promise<FaultProxy> {
    const proxy = new FaultProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  retarget(port: number): void {
    this.target = port;
  }

  set(mode: ProxyMode): void {
    this.mode = mode;
    // Whatever was open belongs to the old state of the network.
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.set('drop');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.mode === 'drop') {
      client.destroy();
      return;
    }
    this.track(client);
    if (this.mode === 'stall') {
      client.on('data', () => {}); // read and forget
      client.on('error', () => {});
      return;
    }
    const upstream = net.connect(this.target, '127.0.0.1');
    this.track(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut);
    upstream.on('error', cut);
    client.on('close', cut);
    upstream.on('close', cut);
    client.on('data', (chunk) => {
      if (this.delayMs > 0) setTimeout(() => upstream.write(chunk), this.delayMs);
      else upstream.write(chunk);
    });
    upstream.pipe(client);
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
