import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Run by a second Node process (`node -e`) that sits between the service and FerretDB. Linux has no
 * portable parent-death signal for Node, so the service holds the write end of this process's stdin
 * instead: however the service ends, SIGKILL included, the kernel closes that pipe, and FerretDB is killed
 * and reaped. SIGTERM is passed on so a graceful stop stays graceful, and the supervisor exits with
 * FerretDB's exit code. It is source text, not a module, so it runs the same from src/ under ts-node and
 * from dist/.
 */
const SUPERVISOR_SOURCE = `
const { spawn } = require('node:child_process');
const [binary, ...args] = process.argv.slice(1);
const engine = spawn(binary, args, { stdio: ['ignore', 'ignore', 'inherit'] });
engine.once('error', (error) => {
  process.stderr.write(String(error.message));
  process.exit(127);
});
engine.once('spawn', () => process.stdout.write(engine.pid + '\\n'));
engine.once('exit', (code) => process.exit(code ?? 1));
process.on('SIGTERM', () => engine.kill('SIGTERM'));
process.on('SIGINT', () => engine.kill('SIGINT'));
process.stdin.on('end', () => engine.kill('SIGKILL'));
process.stdin.on('error', () => engine.kill('SIGKILL'));
process.stdin.resume();
`;

export interface SupervisedEngine {
  /** The supervisor; its exit follows FerretDB's, and `kill('SIGTERM')` reaches FerretDB. */
  readonly process: ChildProcess;
  /** FerretDB's own pid, once it has started. */
  readonly enginePid: Promise<number>;
  /** Kills FerretDB at once, the way a dying service would. */
  abandon(): void;
}

export function spawnSupervised(binary: string, args: string[]): SupervisedEngine {
  const supervisor = spawn(process.execPath, ['-e', SUPERVISOR_SOURCE, '--', binary, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const enginePid = new Promise<number>((resolve, reject) => {
    let out = '';
    supervisor.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    supervisor.once('exit', () => reject(new Error('FerretDB exited before it reported its pid')));
  });
  // Only a stdin that closes means anything; a pid nobody asked for is not an error.
  enginePid.catch(() => undefined);
  return { process: supervisor, enginePid, abandon: () => supervisor.stdin.destroy() };
}
