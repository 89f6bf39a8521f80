/**
 * HTTP benchmark of the built service: `npm run bench` (builds first), `npm run bench -- --quick`.
 *
 * Starts `node dist/main.js` on the embedded engine in a fresh DATA_DIR, counts database round trips per
 * request, drives each request type with autocannon, measures lock latency on a hot event, and prints
 * and writes bench/RESULTS.md with the issue 8 targets judged on this run. Options: bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from './api-client';
import { parseBenchOptions } from './bench-options';
import { judgeTargets } from './bench-targets';
import { measureHotCurve } from './hot-event-curve';
import { IdleWait } from './idle-wait';
import { runRound, type RoundSettings } from './load-round';
import { buildScenarios, type ScenarioName } from './load-scenarios';
import { median } from './median';
import { renderReport, type MachineInfo, type ScenarioResult } from './results-report';
import { measureRoundTrips } from './round-trips';
import { ServiceProcess } from './service-process';

const REPO_ROOT = join(__dirname, '..');

let service: ServiceProcess | undefined;

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const startedAt = new Date();
  const loadStart = loadavg()[0];

  process.stdout.write('starting the service…\n');
  service = await ServiceProcess.launch(REPO_ROOT);
  await service.waitUntilHealthy();
  const api = new ApiClient(service.baseUrl);
  const settings: RoundSettings = { connections: options.connections, seconds: options.seconds };

  process.stdout.write('database round trips per request…\n');
  const roundTrips = await measureRoundTrips(api);

  // Before the load: on slow code the rounds leave work behind that would sit in front of every sample.
  process.stdout.write(`hot event: sizes ${options.hotSizes.join(', ')}…\n`);
  const hot = await measureHotCurve(api, {
    sizes: options.hotSizes,
    samples: options.hotSamples,
    maxMinutes: options.hotMaxMinutes,
  });

  const idle = await IdleWait.calibrate(api);
  const settle = async () => {
    if (!(await idle.untilIdle())) process.stdout.write('  (the service was still busy when the next step started)\n');
  };
  // One unrecorded second, so the first measured round does not pay for the JIT warming up.
  await runRound(service.baseUrl, { method: 'GET', path: '/health', expectedStatus: 200 }, { ...settings, seconds: 1 });
  await settle();

  const results: ScenarioResult[] = [];
  const rps = (name: ScenarioName) => results.find((result) => result.name === name)?.rps ?? 0;
  for (const scenario of await buildScenarios(api, settings, rps)) {
    const rounds = [];
    let failure: string | undefined;
    for (let round = 1; round <= options.rounds && failure === undefined; round += 1) {
      try {
        const spec = await scenario.prepare(round);
        const result = await runRound(service.baseUrl, spec, settings);
        await settle();
        process.stdout.write(
          `  ${scenario.name} round ${round}/${options.rounds}: ${result.rps.toFixed(0)} rps, ` +
            `p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}` +
            `${result.exhausted ? `, pool empty after ${result.seconds.toFixed(1)} s` : ''}\n`,
        );
        rounds.push(result);
      } catch (error) {
        // One request type that cannot be set up must not cost the figures of all the others.
        failure = `round ${round} failed: ${error instanceof Error ? error.message : String(error)}`;
        process.stdout.write(`  ${scenario.name} ${failure}\n`);
        await settle();
      }
    }
    // A round without a single answer has no latency to speak of; NaN prints as "–".
    const answered = rounds.filter((r) => r.answers > 0);
    results.push({
      name: scenario.name,
      rounds,
      failure,
      rps: rounds.length > 0 ? median(rounds.map((r) => r.rps)) : 0,
      p50: answered.length > 0 ? median(answered.map((r) => r.p50)) : Number.NaN,
      p99: answered.length > 0 ? median(answered.map((r) => r.p99)) : Number.NaN,
    });
  }

  const markdown = renderReport({
    label: options.label ?? codeLabel(),
    startedAt,
    minutes: (Date.now() - startedAt.getTime()) / 60_000,
    machine: machineInfo(loadStart),
    options,
    autocannonVersion: packageVersion('autocannon'),
    scenarios: results,
    roundTrips,
    hot,
    targets: judgeTargets(rps, hot),
  });
  writeFileSync(options.out, markdown);
  process.stdout.write(`\n${markdown}\nwritten to ${options.out}\n`);
}

function machineInfo(loadStart: number): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    loadStart,
    loadEnd: loadavg()[0],
  };
}

/** "<branch> at <commit>", marked when src/ differs from that commit, since then it was not what ran. */
function codeLabel(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'src') === '' ? '' : ' with uncommitted changes in src/';
    return `${git('rev-parse', '--abbrev-ref', 'HEAD')} at ${git('rev-parse', '--short', 'HEAD')}${dirty}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function packageVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string };
  return manifest.version;
}

async function stopService(exitCode: number): Promise<never> {
  const running = service;
  service = undefined;
  await running?.stop().catch(() => running.killNow());
  process.exit(exitCode);
}

// The service runs in its own process group, so whatever ends the bench has to end the service too.
process.once('exit', () => service?.killNow());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the service…\n`);
    void stopService(130);
  });
}

main()
  .then(() => stopService(0))
  .catch((error: unknown) => {
    process.stderr.write(
      `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    const output = service?.recentOutput();
    if (output) process.stderr.write(`last service output:\n${output}\n`);
    return stopService(1);
  });
