import { EmbeddedEngine } from '../../src/dev-engine/embedded-engine';

/**
 * The embedded engine as a process of its own, so the chaos harness can take the database away from
 * running service instances (SIGTERM) and bring it back on the same data folder.
 * Usage: engine-process.ts <dataDir> — prints `ENGINE_URI <relay uri>` once the engine accepts connections.
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: engine-process.ts <dataDir>');
  const engine = await EmbeddedEngine.launch(dataDir);
  process.stdout.write(`ENGINE_URI ${engine.uri('booking')}\n`);
  const stop = () => {
    engine.shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`engine-process: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
