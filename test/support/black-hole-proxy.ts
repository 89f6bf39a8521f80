import { connect, createServer, type Socket } from 'node:net';

/** One client connection and the upstream connection it is relayed to. */
interface Pair {
  client: Socket;
  upstream: Socket;
  /** The replies on this connection are dropped: the client waits on an open connection forever. */
  swallowing: boolean;
}

/**
 * A loopback TCP relay in front of a database that can lose replies without closing anything: the
 * request reaches the server, the connection stays open, the answer never comes — what a black-holed
 * network path or a frozen server does to a client, and what a refused or reset connection does not.
 */
export class BlackHoleProxy {
  private readonly pairs = new Set<Pair>();
  private rule?: { markers: Buffer[]; once: boolean };
  private everything = false;

  private readonly server = createServer((client) => this.accept(client));
  private listeningOn?: number;

  private constructor(private readonly upstreamPort: number) {}

  static async start(upstreamPort: number): Promise<BlackHoleProxy> {
    const proxy = new BlackHoleProxy(upstreamPort);
    proxy.listeningOn = await new Promise<number>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => resolve((proxy.server.address() as { port: number }).port));
    });
    return proxy;
  }

  uri(database: string): string {
    return `mongodb://127.0.0.1:${this.listeningOn}/${database}`;
  }

  /**
   * The next request whose bytes contain every marker (a command name, a collection name, an ObjectId's
   * 12 bytes) gets no reply, nor does anything after it on its connection.
   */
  loseReplyTo(...markers: Array<string | Buffer>): void {
    this.rule = { markers: markers.map((marker) => Buffer.from(marker)), once: true };
  }

  /** Like `loseReplyTo`, for every such request until `answerAgain` (the driver retries a read once). */
  loseRepliesTo(...markers: Array<string | Buffer>): void {
    this.rule = { markers: markers.map((marker) => Buffer.from(marker)), once: false };
  }

  /** New requests are answered again (connections already swallowing stay so). */
  answerAgain(): void {
    this.rule = undefined;
    this.everything = false;
  }

  /** No reply on any connection, open or new, from now on; nothing is closed. */
  swallowEverything(): void {
    this.everything = true;
  }

  async close(): Promise<void> {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const upstream = connect({ port: this.upstreamPort, host: '127.0.0.1' });
    const pair: Pair = { client, upstream, swallowing: false };
    this.pairs.add(pair);
    client.on('data', (request: Buffer) => {
      const rule = this.rule;
      if (rule?.markers.every((marker) => request.includes(marker))) {
        pair.swallowing = true;
        if (rule.once) this.rule = undefined;
      }
      upstream.write(request);
    });
    upstream.on('data', (reply: Buffer) => {
      if (!pair.swallowing && !this.everything) client.write(reply);
    });
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      socket.on('error', () => socket.destroy());
      socket.once('close', () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      });
    }
  }
}
