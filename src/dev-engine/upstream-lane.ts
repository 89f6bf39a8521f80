import { connect, type Socket } from 'node:net';
import { expectsReply, takeMessage } from './wire-message';

export interface LaneRequest {
  client: Socket;
  message: Buffer;
  /** A client's first message, its hello with client metadata, which FerretDB accepts once per connection. */
  handshake: boolean;
}

/**
 * Forwards requests to FerretDB one at a time, in arrival order, over one upstream connection, and writes
 * each reply back to the client that asked. Handshakes go over a throwaway connection of their own.
 */
export class UpstreamLane {
  private upstream?: Socket;
  private upstreamBuffer: Buffer = Buffer.alloc(0);
  private readonly queue: LaneRequest[] = [];
  private inFlight?: { resolve: (reply: Buffer) => void; reject: (e: Error) => void };
  private draining = false;

  /** `onUpstreamLost` runs when an established upstream connection breaks. */
  constructor(
    private readonly upstreamPort: number,
    private readonly onUpstreamLost: () => void,
  ) {}

  enqueue(request: LaneRequest): void {
    this.queue.push(request);
    void this.drain();
  }

  close(): void {
    this.dropUpstream(new Error('relay closed'));
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
            : await this.exchange(next.message);
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

  private async exchange(message: Buffer): Promise<Buffer | undefined> {
    const upstream = await this.ensureUpstream();
    if (!expectsReply(message)) {
      upstream.write(message);
      return undefined;
    }
    return new Promise<Buffer>((resolve, reject) => {
      this.inFlight = { resolve, reject };
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
    if (upstream) this.onUpstreamLost();
  }
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
