import { connect, createServer, type Server, type Socket } from 'node:net';

/** Where a {@link TcpProxy} forwards to. */
export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * A TCP proxy in front of the test database that can simulate outages: the database itself stays
 * real, only the network between it and the app fails.
 */
export class TcpProxy {
  private mode: 'forwarding' | 'stalled' = 'forwarding';
  private readonly sockets = new Set<Socket>();
  private server: Server = this.newServer();
  private boundPort = 0;

  private constructor(private readonly target: ProxyTarget) {}

  /** Listens on 127.0.0.1 and a random port. */
  static async start(target: ProxyTarget): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.listen(0);
    return proxy;
  }

  /** The target of a PostgreSQL URL. */
  static targetOf(databaseUrl: string): ProxyTarget {
    const url = new URL(databaseUrl);
    return { host: url.hostname, port: Number(url.port || 5432) };
  }

  get port(): number {
    return this.boundPort;
  }

  /** Rewrites a PostgreSQL URL to go through this proxy. */
  urlThrough(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** The database goes away: open connections are reset and new ones refused. */
  async cut(): Promise<void> {
    this.resetConnections();
    if (this.server.listening) {
      await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
  }

  /** A network partition: connections are accepted and bytes swallowed; nothing ever answers. */
  stall(): void {
    this.mode = 'stalled';
  }

  /** The database is back. Connections that lived through the outage are reset, as after a real one. */
  async restore(): Promise<void> {
    this.resetConnections();
    this.mode = 'forwarding';
    if (!this.server.listening) {
      this.server = this.newServer();
      await this.listen(this.boundPort);
    }
  }

  close(): Promise<void> {
    return this.cut();
  }

  private newServer(): Server {
    return createServer((client) => this.accept(client));
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const address = this.server.address();
        this.boundPort =
          typeof address === 'object' && address !== null ? address.port : port;
        resolve();
      });
    });
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.mode === 'stalled') {
      return;
    }
    const upstream = this.track(connect(this.target.port, this.target.host));
    client.on(
      'data',
      (chunk) => this.mode === 'forwarding' && upstream.write(chunk),
    );
    upstream.on(
      'data',
      (chunk) => this.mode === 'forwarding' && client.write(chunk),
    );
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }

  private resetConnections(): void {
    for (const socket of this.sockets) {
      socket.resetAndDestroy();
    }
  }
}
