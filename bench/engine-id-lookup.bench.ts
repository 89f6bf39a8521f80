/**
 * Guarded writes by _id on the embedded engine: the patched FerretDB build against FerretDB's own, side by side.
 *
 *   npm run bench:engine-id-lookup -- [N ...] [--ops=200] [--budget-ms=2000] [--postgresql-url=postgres://…]
 *
 * For each collection size N (default 1000 10000 50000) and each build it starts FerretDB (SQLite backend) on a
 * fresh data folder, inserts N documents with ObjectId `_id`s, prints the SQLite plan of `{_id, status}`, and
 * times the guarded operations the service makes: findOne({_id, status}), updateOne({_id, status}),
 * findOneAndUpdate({_id, status}) and deleteOne({_id, status}). Each is run --ops times or until --budget-ms has
 * passed, whichever is first, on random documents. It talks to FerretDB directly: the relay adds the same cost
 * to both builds and is not what is measured.
 *
 * With --postgresql-url it also runs the patched build with FerretDB's PostgreSQL handler on that database
 * (which the patch does not touch), for comparison.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mongo } from 'mongoose';
import { ensureFerretDbBinary } from '../src/dev-engine/ferretdb-binary';
import { findFreePort } from '../src/dev-engine/free-port';

const INSERT_CHUNK = 5000;
const OPERATIONS = ['findOne', 'updateOne', 'findOneAndUpdate', 'deleteOne'] as const;
type Operation = (typeof OPERATIONS)[number];

interface Options {
  sizes: number[];
  ops: number;
  budgetMs: number;
  postgresqlUrl?: string;
}

interface Build {
  label: string;
  binary: string;
  handler: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { sizes: [], ops: 200, budgetMs: 2000 };
  for (const arg of argv) {
    const flag = /^--(ops|budget-ms)=(\d+)$/.exec(arg);
    if (flag) options[flag[1] === 'ops' ? 'ops' : 'budgetMs'] = Number(flag[2]);
    else if (arg.startsWith('--postgresql-url=')) options.postgresqlUrl = arg.slice('--postgresql-url='.length);
    else if (/^\d[\d_]*$/.test(arg)) options.sizes.push(Number(arg.replace(/_/g, '')));
    else throw new Error(`unknown argument ${arg}; usage: [N ...] [--ops=200] [--budget-ms=2000] [--postgresql-url=…]`);
  }
  if (options.sizes.length === 0) options.sizes = [1000, 10_000, 50_000];
  return options;
}

async function startFerretDb(build: Build): Promise<{ child: ChildProcess; port: number }> {
  const port = await findFreePort();
  const child = spawn(
    build.binary,
    [
      ...build.handler,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--state-dir=-',
      '--telemetry=disable',
      '--log-level=error',
    ],
    { stdio: 'ignore' },
  );
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => resolve(!!socket.destroy()));
      socket.once('error', () => resolve(false));
    });
    if (up) return { child, port };
  }
  child.kill('SIGKILL');
  throw new Error('FerretDB did not start');
}

async function measure(
  items: mongo.Collection,
  operation: Operation,
  ids: mongo.ObjectId[],
  options: Options,
): Promise<number> {
  const start = process.hrtime.bigint();
  const deadline = Date.now() + options.budgetMs;
  let ops = 0;
  for (; ops < options.ops && ops < ids.length && Date.now() < deadline; ops += 1) {
    const filter = { _id: ids[ops], status: 'ACTIVE' };
    const found =
      operation === 'findOne'
        ? await items.findOne(filter)
        : operation === 'updateOne'
          ? (await items.updateOne(filter, { $set: { touched: ops } })).matchedCount
          : operation === 'findOneAndUpdate'
            ? await items.findOneAndUpdate(filter, { $inc: { seats: 1 } })
            : (await items.deleteOne(filter)).deletedCount;
    if (!found) throw new Error(`${operation} did not find ${ids[ops].toHexString()}`);
  }
  return Number(process.hrtime.bigint() - start) / 1e6 / ops;
}

async function runOne(
  build: Build,
  n: number,
  options: Options,
): Promise<{ plan: string; cost: Map<Operation, number> }> {
  const { child, port } = await startFerretDb(build);
  const client = new mongo.MongoClient(`mongodb://127.0.0.1:${port}/`, { directConnection: true });
  try {
    const items = client.db('bench').collection('items');
    await items.drop().catch(() => undefined);
    const ids = Array.from({ length: n }, () => new mongo.ObjectId());
    for (let i = 0; i < n; i += INSERT_CHUNK) {
      const docs = ids.slice(i, i + INSERT_CHUNK).map((_id, k) => ({ _id, status: 'ACTIVE', seats: 1, n: i + k }));
      await items.insertMany(docs, { ordered: false });
    }
    const explained = (await client.db('bench').command({
      explain: { find: 'items', filter: { _id: ids[0], status: 'ACTIVE' } },
      verbosity: 'queryPlanner',
    })) as { queryPlanner?: { Plan?: unknown } };
    // SQLite's plan is a list of lines; PostgreSQL's a JSON tree, of which the node type and index tell enough.
    const raw = explained.queryPlanner?.Plan;
    const plan = Array.isArray(raw)
      ? raw.map((line: string) => line.replace(/^.*detail=/, '')).join('; ')
      : (JSON.stringify(raw)
          .match(/"(Node Type|Index Name|Filter|Index Cond)":"[^"]*"/g)
          ?.join(', ') ?? JSON.stringify(raw));

    // Each operation gets its own random documents; deleteOne must never meet one an earlier operation deleted.
    const shuffled = ids.slice().sort(() => Math.random() - 0.5);
    const per = Math.floor(n / OPERATIONS.length);
    const cost = new Map<Operation, number>();
    for (const [k, operation] of OPERATIONS.entries()) {
      cost.set(operation, await measure(items, operation, shuffled.slice(k * per, (k + 1) * per), options));
    }
    return { plan, cost };
  } finally {
    await client.close();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-engine-id-'));
  const sqlite = ['--handler=sqlite', `--sqlite-url=file:${dataDir}/`];
  const builds: Build[] = [
    { label: 'patched', binary: await ensureFerretDbBinary(), handler: sqlite },
    { label: 'unpatched', binary: await ensureFerretDbBinary([]), handler: sqlite },
  ];
  if (options.postgresqlUrl) {
    const handler = ['--handler=postgresql', `--postgresql-url=${options.postgresqlUrl}`];
    builds.push({ label: 'postgresql', binary: builds[0].binary, handler });
  }
  const rows: Array<{ n: number; costs: Array<Map<Operation, number>> }> = [];
  try {
    for (const n of options.sizes) {
      const costs: Array<Map<Operation, number>> = [];
      for (const build of builds) {
        const { plan, cost } = await runOne(build, n, options);
        process.stdout.write(`N=${n} ${build.label}: plan of {_id, status}: ${plan}\n`);
        costs.push(cost);
      }
      rows.push({ n, costs });
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const postgresql = builds.length > 2;

  process.stdout.write(
    [
      '',
      `node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${new Date().toISOString()}`,
      'ms per operation, filter {_id: <ObjectId>, status: "ACTIVE"}:',
      '',
      `| operation | N | patched ms | unpatched ms | unpatched / patched |${postgresql ? ' postgresql handler ms |' : ''}`,
      `|---|---:|---:|---:|---:|${postgresql ? '---:|' : ''}`,
      ...OPERATIONS.flatMap((operation) =>
        rows.map(({ n, costs: [patched, unpatched, pg] }) => {
          const [p, u] = [patched.get(operation)!, unpatched.get(operation)!];
          const pgCell = pg ? ` ${pg.get(operation)!.toFixed(2)} |` : '';
          return `| ${operation} | ${n} | ${p.toFixed(2)} | ${u.toFixed(2)} | ${(u / p).toFixed(1)} |${pgCell}`;
        }),
      ),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
