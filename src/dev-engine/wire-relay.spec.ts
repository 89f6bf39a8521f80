import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { WireRelay } from './wire-relay';

const OP_MSG = 2013;
const OP_QUERY = 2004;
const MORE_TO_COME = 1 << 1;
const HEADER_BYTES = 20; // messageLength, requestId, responseTo, opCode, flagBits
const SLOW_REPLY_MS = 400;

interface WireMessage {
  requestId: number;
  responseTo: number;
  opCode: number;
  flagBits: number;
  payload: string;
}

function encode(message: Omit<WireMessage, 'responseTo' | 'opCode'> & Partial<WireMessage>): Buffer {
  const body = Buffer.from(message.payload);
  const buffer = Buffer.alloc(HEADER_BYTES + body.length);
  buffer.writeInt32LE(buffer.length, 0);
  buffer.writeInt32LE(message.requestId, 4);
  buffer.writeInt32LE(message.responseTo ?? 0, 8);
  buffer.writeInt32LE(message.opCode ?? OP_MSG, 12);
  buffer.writeUInt32LE(message.flagBits, 16);
  body.copy(buffer, HEADER_BYTES);
  return buffer;
}

/** The BSON document `{ [key]: value }`, with an int32 1 for a command or an embedded document. */
function bsonDocument(key: string, value: Buffer | number = 1): Buffer {
  const [type, bytes] = typeof value === 'number' ? [0x10, Buffer.alloc(4)] : [0x03, value];
  if (typeof value === 'number') bytes.writeInt32LE(value);
  const element = Buffer.concat([Buffer.from([type]), Buffer.from(`${key}\0`), bytes]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(4 + element.length + 1);
  return Buffer.concat([size, element, Buffer.from([0])]);
}

/** A command as a current driver sends it: an OP_MSG whose body section (kind 0) is `{ [name]: 1 }`. */
function opMsgCommand(requestId: number, name: string): Buffer {
  return withBody(
    encode({ requestId, flagBits: 0, payload: '' }),
    Buffer.concat([Buffer.from([0]), bsonDocument(name)]),
  );
}

/** A command as a legacy monitor sends it: an OP_QUERY on admin.$cmd, optionally wrapped in `$query`. */
function opQueryCommand(requestId: number, name: string, wrapped = false): Buffer {
  const skipAndReturn = Buffer.alloc(8);
  skipAndReturn.writeInt32LE(-1, 4);
  const query = wrapped ? bsonDocument('$query', bsonDocument(name)) : bsonDocument(name);
  const header = encode({ requestId, flagBits: 0, payload: '', opCode: OP_QUERY });
  return withBody(header, Buffer.concat([Buffer.from('admin.$cmd\0'), skipAndReturn, query]));
}

function withBody(header: Buffer, body: Buffer): Buffer {
  const message = Buffer.concat([header, body]);
  message.writeInt32LE(message.length, 0);
  return message;
}

/** Splits a byte stream into whole length-prefixed messages, keeping any partial tail. */
class Framer {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): WireMessage[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const messages: WireMessage[] = [];
    while (this.buffer.length >= 4 && this.buffer.length >= this.buffer.readInt32LE(0)) {
      const length = this.buffer.readInt32LE(0);
      const raw = this.buffer.subarray(0, length);
      messages.push({
        requestId: raw.readInt32LE(4),
        responseTo: raw.readInt32LE(8),
        opCode: raw.readInt32LE(12),
        flagBits: raw.readUInt32LE(16),
        payload: raw.subarray(HEADER_BYTES).toString(),
      });
      this.buffer = this.buffer.subarray(length);
    }
    return messages;
  }
}

/**
 * Stands in for the engine: answers each request after a short delay with a reply whose responseTo
 * is the request's id and whose payload echoes it, and records how many requests it handles at once.
 */
class FakeUpstream {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private nextConnection = 0;
  private nextReplyId = 1000;
  inFlight = 0;
  maxInFlight = 0;
  readonly received: Array<WireMessage & { connection: number }> = [];

  async listen(): Promise<number> {
    this.server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  connectionsOf(payloadPrefix: string): number[] {
    return this.received.filter((m) => m.payload.startsWith(payloadPrefix)).map((m) => m.connection);
  }

  private accept(socket: Socket): void {
    const connection = this.nextConnection++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const framer = new Framer();
    socket.on('data', (chunk: Buffer) => {
      for (const request of framer.push(chunk)) {
        this.received.push({ ...request, connection });
        if (request.payload === 'die') {
          socket.destroy();
          continue;
        }
        if (request.opCode === OP_MSG && (request.flagBits & MORE_TO_COME) !== 0) continue;
        const delay = request.payload === 'slow' ? SLOW_REPLY_MS : 2 + Math.floor(Math.random() * 6);
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        setTimeout(() => {
          this.inFlight -= 1;
          if (socket.destroyed) return;
          socket.write(
            encode({
              requestId: this.nextReplyId++,
              responseTo: request.requestId,
              flagBits: 0,
              payload: `reply:${request.payload}`,
            }),
          );
        }, delay);
      }
    });
  }
}

/** A driver-like client of the relay that collects the replies it receives. */
class FakeClient {
  private readonly framer = new Framer();
  private readonly replies: WireMessage[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.replies.push(...this.framer.push(chunk));
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  static connect(port: number): Promise<FakeClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => resolve(new FakeClient(socket)));
      socket.once('error', reject);
    });
  }

  send(requestId: number, payload: string, flagBits = 0): void {
    this.socket.write(encode({ requestId, payload, flagBits }));
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves once `count` replies have arrived; rejects after a bounded wait. */
  async replyCount(count: number, timeoutMs = 5_000): Promise<WireMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} replies, got ${this.replies.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.replies.slice(0, count);
  }

  get received(): readonly WireMessage[] {
    return this.replies;
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** The driver's handshake: the first message on every connection. */
  async handshake(name: string): Promise<WireMessage> {
    this.send(1, `hello:${name}`);
    const [reply] = await this.replyCount(1);
    return reply;
  }
}

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref()),
  ]);

describe('WireRelay', () => {
  let upstream: FakeUpstream;
  let sut: WireRelay;
  let port: number;
  let clients: FakeClient[];

  const client = async (): Promise<FakeClient> => {
    const c = await FakeClient.connect(port);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    upstream = new FakeUpstream();
    sut = new WireRelay(await upstream.listen());
    port = await sut.listen();
    clients = [];
  });

  afterEach(async () => {
    for (const c of clients) c.destroy();
    await sut.close();
    await upstream.close();
  });

  describe('relaying', () => {
    it('answers a request with the upstream reply to it', async () => {
      const c = await client();
      await c.handshake('a');

      c.send(2, 'find:a');
      const [, reply] = await c.replyCount(2);

      expect(reply).toMatchObject({ responseTo: 2, payload: 'reply:find:a' });
    });

    it('never has more than one request in flight upstream while many clients send at once', async () => {
      const all = await Promise.all(Array.from({ length: 12 }, () => client()));
      await Promise.all(all.map((c, i) => c.handshake(`c${i}`)));
      upstream.maxInFlight = 0;

      // Every client pipelines three requests, all clients at once; request ids collide across clients.
      all.forEach((c, i) => [2, 3, 4].forEach((id) => c.send(id, `cmd:c${i}:${id}`)));
      const replies = await Promise.all(all.map((c) => c.replyCount(4)));

      expect(upstream.maxInFlight).toBe(1);
      replies.forEach((own, i) => {
        expect(own.slice(1).map((r) => [r.responseTo, r.payload])).toEqual([
          [2, `reply:cmd:c${i}:2`],
          [3, `reply:cmd:c${i}:3`],
          [4, `reply:cmd:c${i}:4`],
        ]);
      });
      expect(upstream.received.filter((m) => m.payload.startsWith('cmd:'))).toHaveLength(36);
    });

    it('keeps handshakes to one request at a time as well', async () => {
      const all = await Promise.all(Array.from({ length: 8 }, () => client()));

      const replies = await Promise.all(all.map((c, i) => c.handshake(`c${i}`)));

      expect(upstream.maxInFlight).toBe(1);
      replies.forEach((reply, i) => expect(reply).toMatchObject({ responseTo: 1, payload: `reply:hello:c${i}` }));
    });

    it('sends each client’s first message over an upstream connection of its own, and the rest over one shared connection', async () => {
      const [a, b, c] = await Promise.all([client(), client(), client()]);
      await a.handshake('a');
      await b.handshake('b');
      await c.handshake('c');

      a.send(2, 'cmd:a');
      b.send(2, 'cmd:b');
      c.send(2, 'cmd:c');
      await Promise.all([a.replyCount(2), b.replyCount(2), c.replyCount(2)]);
      a.send(3, 'cmd:a:again');
      await a.replyCount(3);

      const handshakeConnections = upstream.connectionsOf('hello:');
      const commandConnections = new Set(upstream.connectionsOf('cmd:'));
      expect(new Set(handshakeConnections).size).toBe(3);
      expect(commandConnections.size).toBe(1);
      const [shared] = [...commandConnections];
      expect(handshakeConnections).not.toContain(shared);
    });

    it('forwards a moreToCome request without waiting for a reply, and the next request still gets its own', async () => {
      const c = await client();
      await c.handshake('a');

      c.send(2, 'insert:fire-and-forget', MORE_TO_COME);
      c.send(3, 'find:after');
      const replies = await c.replyCount(2);

      expect(replies[1]).toMatchObject({ responseTo: 3, payload: 'reply:find:after' });
      expect(upstream.received.map((m) => m.payload)).toEqual(['hello:a', 'insert:fire-and-forget', 'find:after']);
      expect(c.received.some((r) => r.responseTo === 2)).toBe(false);
    });

    it('does not mistake another opcode with bit 1 set for moreToCome', async () => {
      const c = await client();
      await c.handshake('a');

      c.write(encode({ requestId: 2, payload: 'legacy-query', flagBits: MORE_TO_COME, opCode: 2004 }));
      const [, reply] = await c.replyCount(2);

      expect(reply).toMatchObject({ responseTo: 2, payload: 'reply:legacy-query' });
    });

    it('reassembles a message split across writes and splits messages sent in one write', async () => {
      const c = await client();
      await c.handshake('a');
      const first = encode({ requestId: 2, payload: 'split-in-three', flagBits: 0 });
      const second = encode({ requestId: 3, payload: 'second', flagBits: 0 });
      const third = encode({ requestId: 4, payload: 'third', flagBits: 0 });

      c.write(first.subarray(0, 3));
      await new Promise((resolve) => setTimeout(resolve, 20));
      c.write(first.subarray(3, 11));
      await new Promise((resolve) => setTimeout(resolve, 20));
      c.write(Buffer.concat([first.subarray(11), second, third]));
      const replies = await c.replyCount(4);

      expect(replies.slice(1).map((r) => r.payload)).toEqual(['reply:split-in-three', 'reply:second', 'reply:third']);
    });
  });

  describe('monitoring commands', () => {
    /** Starts a slow data command and a queued one behind it, and resolves once the slow one is upstream. */
    const busyDataLane = async (): Promise<FakeClient> => {
      const [slow, queued] = await Promise.all([client(), client()]);
      await slow.handshake('slow');
      await queued.handshake('queued');
      slow.send(2, 'slow');
      queued.send(2, 'cmd:queued');
      await withTimeout(
        (async () => {
          while (!upstream.received.some((m) => m.payload === 'slow')) await new Promise((r) => setTimeout(r, 5));
        })(),
        5_000,
        'the slow command to reach the engine',
      );
      return slow;
    };

    it.each([
      ['ping', opMsgCommand(2, 'ping')],
      ['hello', opMsgCommand(2, 'hello')],
      ['isMaster', opMsgCommand(2, 'isMaster')],
      ['buildInfo', opMsgCommand(2, 'buildInfo')],
      ['legacy ismaster', opQueryCommand(2, 'ismaster')],
      ['legacy isMaster wrapped in $query', opQueryCommand(2, 'isMaster', true)],
    ])('answers %s sent while a slow data command is in flight before that command', async (_name, command) => {
      const monitor = await client();
      await monitor.handshake('monitor');
      const slow = await busyDataLane();

      monitor.write(command);
      const [, reply] = await monitor.replyCount(2);

      expect(reply.responseTo).toBe(2);
      expect(slow.received).toHaveLength(1);
      expect((await slow.replyCount(2))[1]).toMatchObject({ responseTo: 2, payload: 'reply:slow' });
    });

    it('answers a new client’s handshake while a slow data command is in flight', async () => {
      const slow = await busyDataLane();

      const reply = await (await client()).handshake('late');

      expect(reply).toMatchObject({ responseTo: 1, payload: 'reply:hello:late' });
      expect(slow.received).toHaveLength(1);
    });

    it('sends them over a connection of their own, never the data connection', async () => {
      const c = await client();
      await c.handshake('a');
      c.send(2, 'cmd:a');
      await c.replyCount(2);

      c.write(opMsgCommand(3, 'ping'));
      c.write(opMsgCommand(4, 'ping'));
      await c.replyCount(4);

      const [data] = upstream.connectionsOf('cmd:');
      const pings = upstream.received.filter((m) => m.requestId === 3 || m.requestId === 4).map((m) => m.connection);
      expect(new Set(pings).size).toBe(1);
      expect(pings).not.toContain(data);
    });

    it('keeps any other command, even one named like them, queued behind the data command in flight', async () => {
      const c = await client();
      await c.handshake('a');
      const slow = await busyDataLane();

      c.write(opMsgCommand(2, 'pingAll'));
      await c.replyCount(2);

      expect(slow.received).toHaveLength(2);
    });
  });

  describe('failures', () => {
    it('drops a client that sends a malformed message, and keeps serving the others', async () => {
      const bad = await client();
      const good = await client();
      await good.handshake('good');
      const header = Buffer.alloc(16);
      header.writeInt32LE(8, 0);

      bad.write(header);
      await withTimeout(bad.closed, 5_000, 'the malformed client to be dropped');
      good.send(2, 'still-here');

      expect((await good.replyCount(2))[1]).toMatchObject({ responseTo: 2, payload: 'reply:still-here' });
    });

    it('closes the client connection when the engine goes away mid-command, rather than losing the reply silently', async () => {
      const c = await client();
      await c.handshake('a');

      c.send(2, 'die');

      await withTimeout(c.closed, 5_000, 'the client connection to close');
      expect(c.received).toHaveLength(1);
    });

    it('serves new clients over a fresh upstream connection after the engine connection broke', async () => {
      const first = await client();
      await first.handshake('a');
      first.send(2, 'die');
      await withTimeout(first.closed, 5_000, 'the client connection to close');

      const second = await client();
      await second.handshake('b');
      second.send(2, 'cmd:after-restart');
      const [, reply] = await second.replyCount(2);

      expect(reply).toMatchObject({ responseTo: 2, payload: 'reply:cmd:after-restart' });
    });
  });
});
