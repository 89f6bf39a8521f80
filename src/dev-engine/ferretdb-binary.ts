import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { EngineUnavailableError } from '../database/development-engine';
import { applyUnifiedDiff } from './unified-diff';

const run = promisify(execFile);

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`;

const REPO_ROOT = resolve(__dirname, '..', '..');

/** Our patches to FerretDB's source, applied in name order before every build. */
export const FERRETDB_PATCHES_DIR = join(REPO_ROOT, 'patches');

/**
 * Git-ignored cache beside package.json, one folder per version and patch set, so neither an upgrade nor
 * a changed (or newly added) patch ever reuses a binary built without it.
 */
export function ferretDbCacheDir(patches: SourcePatch[]): string {
  return join(REPO_ROOT, '.cache', 'ferretdb', `${FERRETDB_VERSION}-${patchSetHash(patches)}`);
}

export interface SourcePatch {
  name: string;
  diff: string;
}

export function ferretDbPatches(dir = FERRETDB_PATCHES_DIR): SourcePatch[] {
  if (!existsSync(dir)) throw new EngineUnavailableError(`FerretDB source patches not found in ${dir}`);
  const prefix = `ferretdb-${FERRETDB_VERSION}-`;
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.patch'))
    .sort()
    .map((name) => ({ name, diff: readFileSync(join(dir, name), 'utf8') }));
}

function patchSetHash(patches: SourcePatch[]): string {
  const hash = createHash('sha256');
  for (const { name, diff } of patches) hash.update(`${name}\0${diff}\0`);
  return hash.digest('hex').slice(0, 12);
}

/**
 * Returns the path of a FerretDB binary, building it with Go on first use. A directory lock keeps
 * parallel test workers or instances from building it twice at once.
 */
export async function ensureFerretDbBinary(
  patches: SourcePatch[] = ferretDbPatches(),
  cacheDir = ferretDbCacheDir(patches),
): Promise<string> {
  const binary = join(cacheDir, 'ferretdb');
  if (existsSync(binary)) return binary;

  mkdirSync(cacheDir, { recursive: true });
  const lockDir = join(cacheDir, '.building');
  await acquireDirLock(lockDir);
  try {
    if (existsSync(binary)) return binary;
    await assertGoAvailable();
    await buildFromModuleSource(cacheDir, binary, patches).catch((error: { stderr?: string; message: string }) => {
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
 * fetched through the Go module proxy, the file its release task would generate is written, our patches
 * are applied, and the official cmd/ferretdb is built from it.
 */
async function buildFromModuleSource(cacheDir: string, binary: string, patches: SourcePatch[]): Promise<void> {
  const { stdout } = await run('go', ['mod', 'download', '-json', FERRETDB_MODULE], { maxBuffer: 16 * 1024 * 1024 });
  const moduleDir = (JSON.parse(stdout) as { Dir: string }).Dir;
  const sourceDir = join(cacheDir, 'src');
  rmSync(sourceDir, { recursive: true, force: true });
  cpSync(moduleDir, sourceDir, { recursive: true, mode: 0 });
  await run('chmod', ['-R', 'u+w', sourceDir]);
  writeFileSync(join(sourceDir, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  for (const { name, diff } of patches) {
    try {
      applyUnifiedDiff(diff, sourceDir);
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`);
    }
  }
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
      // A builder that was killed leaves its lock behind; a build never takes this long. The file system
      // stamps mtime with this machine's wall clock, so the wall clock (not the service's Clock) reads it.
      if (Date.now() - statSync(lockDir).mtimeMs > STALE_BUILD_LOCK_MS)
        rmSync(lockDir, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
