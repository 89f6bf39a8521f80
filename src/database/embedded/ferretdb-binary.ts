import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`;

/** Git-ignored cache beside package.json; one folder per version so an upgrade never reuses a stale binary. */
export const FERRETDB_CACHE_DIR = resolve(__dirname, '..', '..', '..', '.cache', 'ferretdb', FERRETDB_VERSION);

export class EngineUnavailableError extends Error {}

/**
 * Returns the path of a FerretDB binary, building it with Go on first use. A directory lock keeps
 * parallel test workers or instances from building it twice at once.
 */
export async function ensureFerretDbBinary(cacheDir = FERRETDB_CACHE_DIR): Promise<string> {
  const binary = join(cacheDir, 'ferretdb');
  if (existsSync(binary)) return binary;

  mkdirSync(cacheDir, { recursive: true });
  const lockDir = join(cacheDir, '.building');
  await acquireDirLock(lockDir);
  try {
    if (existsSync(binary)) return binary;
    await assertGoAvailable();
    await buildFromModuleSource(cacheDir, binary).catch((error: { stderr?: string; message: string }) => {
      throw new EngineUnavailableError(
        `Building FerretDB ${FERRETDB_VERSION} failed: ${(error.stderr || error.message).trim()}`,
      );
    });
    return binary;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * `go install …/cmd/ferretdb@v1.24.2` builds a binary that panics at start: the module zip lacks the
 * generated build/version/version.txt that FerretDB's own release task writes. So the module source is
 * fetched through the Go module proxy, the file its release task would generate is written, and the
 * official cmd/ferretdb is built from it.
 */
async function buildFromModuleSource(cacheDir: string, binary: string): Promise<void> {
  const { stdout } = await run('go', ['mod', 'download', '-json', FERRETDB_MODULE], { maxBuffer: 16 * 1024 * 1024 });
  const moduleDir = (JSON.parse(stdout) as { Dir: string }).Dir;
  const sourceDir = join(cacheDir, 'src');
  rmSync(sourceDir, { recursive: true, force: true });
  cpSync(moduleDir, sourceDir, { recursive: true, mode: 0 });
  await run('chmod', ['-R', 'u+w', sourceDir]);
  writeFileSync(join(sourceDir, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  const partial = `${binary}.partial`;
  await run('go', ['build', '-buildvcs=false', '-o', partial, './cmd/ferretdb'], {
    cwd: sourceDir,
    env: { ...process.env, CGO_ENABLED: '0' },
    maxBuffer: 16 * 1024 * 1024,
  });
  renameSync(partial, binary);
  rmSync(sourceDir, { recursive: true, force: true });
}

async function assertGoAvailable(): Promise<void> {
  try {
    await run('go', ['version']);
  } catch {
    throw new EngineUnavailableError(
      'No database: set MONGODB_URI to a MongoDB server, or install Go (1.22+) so the embedded FerretDB engine can be built.',
    );
  }
}

const STALE_BUILD_LOCK_MS = 15 * 60 * 1000;

async function acquireDirLock(lockDir: string): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lockDir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A builder that was killed leaves its lock behind; a build never takes this long.
      if (Date.now() - statSync(lockDir).mtimeMs > STALE_BUILD_LOCK_MS) rmSync(lockDir, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
