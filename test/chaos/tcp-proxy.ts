import { createServer, connect, type Server, type Socket } from 'node:net';

/** One proxied connection: what the instance sent us, and our connection to the engine. */
interface Pair {
  client: Socket;
  upstream: Socket;
}

/**
 * A fixed loopback port in front of the engine, whose own relay port changes every time the engine
 * process restarts: instances keep one MONGODB_URI, and an engine outage looks to them exactly like a
 * database that went away and came back. While no upstream is set, connections are refused by closing them.
 * While black-holed, no byte moves in either direction but every socket stays open: an engine that stops
 * answering without closing anything (a network partition, a frozen host).
 */
export class TcpProxy {
  private server?: Server;
  private upstreamPort?: number;
  private blackHoled = false;
  private readonly pairs = new Set<Pair>();

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
    if (port === undefined) for (const pair of this.pairs) pair.client.destroy();
  }

  /** Stops (true) or resumes (false) forwarding on every connection, open or new; bytes held back are delivered on resume. */
  setBlackHole(on: boolean): void {
    if (on === this.blackHoled) return;
    this.blackHoled = on;
    for (const pair of this.pairs) (on ? hold : forward)(pair);
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
    const pair = { client, upstream: connect({ port, host: '127.0.0.1' }) };
    this.pairs.add(pair);
    for (const socket of [pair.client, pair.upstream]) {
      socket.setNoDelay(true);
      socket.once('close', () => {
        this.pairs.delete(pair);
        pair.client.destroy();
        pair.upstream.destroy();
      });
      socket.on('error', () => socket.destroy());
    }
    (this.blackHoled ? hold : forward)(pair);
  }
}

function forward({ client, upstream }: Pair): void {
  client.pipe(upstream);
  upstream.pipe(client);
}

/** Unpiped and paused, a socket keeps what arrives in its buffers (and then the kernel's) until `forward`. */
function hold({ client, upstream }: Pair): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}
