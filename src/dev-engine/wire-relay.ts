import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { UpstreamLane } from './upstream-lane';
import { commandName, takeMessage } from './wire-message';

/**
 * Commands the driver's server monitoring sends (and `ping`). They read no collection data, so they need
 * no serializing, and they must not wait behind a long data command: a heartbeat that times out makes
 * the driver mark the server unknown and fail every operation in flight.
 */
const MONITORING_COMMANDS = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'buildinfo']);

/**
 * A serializing relay in front of FerretDB 1.x, which applies findAndModify/update as read-then-write
 * without a lock and serves each connection concurrently, so two connections can both win one conditional
 * update. The relay accepts any number of client connections and forwards data commands one at a time over
 * a single upstream connection, restoring the single-document atomicity MongoDB guarantees across
 * connections. Only the embedded profile uses it; the application never relies on it.
 *
 * Handshakes and monitoring commands take a second lane with its own upstream connection, so they are
 * answered while a data command runs. Each client's first message is its handshake hello carrying client
 * metadata, which FerretDB accepts only once per connection, so handshakes go over a throwaway upstream
 * connection of their own.
 */
export class WireRelay {
  private server?: Server;
  private readonly clients = new Set<Socket>();
  private readonly data: UpstreamLane;
  private readonly monitoring: UpstreamLane;

  constructor(upstreamPort: number) {
    // Connection-scoped engine state (cursors) dies with the data connection, so every client reconnects.
    this.data = new UpstreamLane(upstreamPort, () => this.dropClients());
    this.monitoring = new UpstreamLane(upstreamPort, () => undefined);
  }

  async listen(port = 0): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.dropClients();
    this.data.close();
    this.monitoring.close();
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
          const handshake = !handshakeSent;
          handshakeSent = true;
          const lane = handshake || MONITORING_COMMANDS.has(commandName(message) ?? '') ? this.monitoring : this.data;
          lane.enqueue({ client, message, handshake });
        }
      } catch {
        client.destroy();
      }
    });
    client.on('error', () => client.destroy());
    client.on('close', () => this.clients.delete(client));
  }

  private dropClients(): void {
    for (const client of this.clients) client.destroy();
  }
}
