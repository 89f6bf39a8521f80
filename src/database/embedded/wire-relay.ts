import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

const OP_MSG = 2013;
const MORE_TO_COME = 1 << 1;

interface PendingCommand {
  client: Socket;
  message: Buffer;
  handshake: boolean;
}

/**
 * A serializing relay in front of FerretDB 1.x, which applies findAndModify/update as read-then-write
 * without a lock and serves each connection concurrently, so two connections can both win one conditional
 * update. The relay accepts any number of client connections and forwards one command at a time over a
 * single upstream connection, restoring the single-document atomicity MongoDB guarantees across
 * connections. Only the embedded profile uses it; the application never relies on it.
 *
 * Each client's first message is its handshake hello carrying client metadata, which FerretDB accepts
 * only once per connection, so handshakes go over a throwaway upstream connection of their own.
 */
export class WireRelay {
  private server?: Server;
  private upstream?: Socket;
  private upstreamBuffer: Buffer = Buffer.alloc(0);
  private readonly queue: PendingCommand[] = [];
  private inFlight?: { client: Socket; resolve: (reply: Buffer) => void; reject: (e: Error) => void };
  private draining = false;
  private readonly clients = new Set<Socket>();

  constructor(private readonly upstreamPort: number) {}

  async listen(port = 0): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.destroy();
    this.dropUpstream(new Error('relay closed'));
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    this.clients.add(client);
    client.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let handshakeSent = false;
    client.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      try {
        for (let message = takeMessage(buffer); message; message = takeMessage(buffer)) {
          buffer = buffer.subarray(message.length);
          this.queue.push({ client, message, handshake: !handshakeSent });
          handshakeSent = true;
        }
      } catch {
        client.destroy();
        return;
      }
      void this.drain();
    });
    client.on('error', () => client.destroy());
    client.on('close', () => this.clients.delete(client));
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        if (next.client.destroyed) continue;
        try {
          const reply = next.handshake
            ? await exchangeOnce(this.upstreamPort, next.message)
            : await this.exchange(next.client, next.message);
          if (reply && !next.client.destroyed) next.client.write(reply);
        } catch {
          // The engine went away mid-command: the client must see a broken connection, never a lost reply.
          next.client.destroy();
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async exchange(client: Socket, message: Buffer): Promise<Buffer | undefined> {
    const upstream = await this.ensureUpstream();
    if (!expectsReply(message)) {
      upstream.write(message);
      return undefined;
    }
    return new Promise<Buffer>((resolve, reject) => {
      this.inFlight = { client, resolve, reject };
      upstream.write(message);
    });
  }

  private async ensureUpstream(): Promise<Socket> {
    if (this.upstream && !this.upstream.destroyed) return this.upstream;
    const socket = await openSocket(this.upstreamPort);
    this.upstreamBuffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => this.onUpstreamData(chunk));
    socket.on('error', (error) => this.dropUpstream(error));
    socket.on('close', () => this.dropUpstream(new Error('engine connection closed')));
    this.upstream = socket;
    return socket;
  }

  private onUpstreamData(chunk: Buffer): void {
    this.upstreamBuffer = Buffer.concat([this.upstreamBuffer, chunk]);
    for (;;) {
      const reply = takeMessage(this.upstreamBuffer);
      if (!reply) return;
      this.upstreamBuffer = this.upstreamBuffer.subarray(reply.length);
      const waiter = this.inFlight;
      this.inFlight = undefined;
      waiter?.resolve(reply);
    }
  }

  private dropUpstream(error: Error): void {
    const upstream = this.upstream;
    this.upstream = undefined;
    upstream?.destroy();
    const waiter = this.inFlight;
    this.inFlight = undefined;
    waiter?.reject(error);
    // Connection-scoped engine state (cursors) died with the upstream, so every client reconnects.
    if (upstream) for (const client of this.clients) client.destroy();
  }
}

function takeMessage(buffer: Buffer): Buffer | undefined {
  if (buffer.length < 4) return undefined;
  const length = buffer.readInt32LE(0);
  if (length < 16) throw new Error(`malformed wire message of ${length} bytes`);
  if (buffer.length < length) return undefined;
  return buffer.subarray(0, length);
}

function expectsReply(message: Buffer): boolean {
  const opCode = message.readInt32LE(12);
  return !(opCode === OP_MSG && (message.readUInt32LE(16) & MORE_TO_COME) !== 0);
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.off('error', reject);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

async function exchangeOnce(port: number, message: Buffer): Promise<Buffer> {
  const socket = await openSocket(port);
  return new Promise<Buffer>((resolve, reject) => {
    let buffer: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const reply = takeMessage(buffer);
      if (reply) {
        resolve(Buffer.from(reply));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('engine closed the handshake connection')));
    socket.write(message);
  });
}
