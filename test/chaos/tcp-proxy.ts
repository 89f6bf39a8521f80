import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A fixed loopback port in front of the engine, whose own relay port changes every time the engine
 * process restarts: instances keep one MONGODB_URI, and an engine outage looks to them exactly like a
 * database that went away and came back. While no upstream is set, connections are refused by closing them.
 */
export class TcpProxy {
  private server?: Server;
  private upstreamPort?: number;
  private readonly pairs = new Set<Socket>();

  constructor(private readonly port: number) {}

  async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Points new connections at `port`; undefined cuts every open connection and refuses new ones. */
  setUpstream(port: number | undefined): void {
    this.upstreamPort = port;
    if (port === undefined) for (const socket of this.pairs) socket.destroy();
  }

  async close(): Promise<void> {
    this.setUpstream(undefined);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    const port = this.upstreamPort;
    if (port === undefined) {
      client.destroy();
      return;
    }
    const upstream = connect({ port, host: '127.0.0.1' });
    for (const socket of [client, upstream]) {
      this.pairs.add(socket);
      socket.setNoDelay(true);
      socket.once('close', () => {
        this.pairs.delete(socket);
        client.destroy();
        upstream.destroy();
      });
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
