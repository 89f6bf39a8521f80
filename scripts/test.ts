import { spawn } from 'node:child_process';

/**
 * `npm test`: the type checks and Jest side by side, failing if any of them fails. Jest (swc) only
 * transpiles, so the type checks are what catch a type error; run one after the other they kept a core
 * idle for their whole length, while the e2e specs leave CPU free as they wait on their engines.
 * Arguments go to Jest.
 */
const steps: [string, string[]][] = [
  ['tsc', ['-p', 'tsconfig.json', '--noEmit']],
  ['tsc', ['-p', 'client/checkout/tsconfig.json']],
  ['jest', process.argv.slice(2)],
];

function run([command, args]: [string, string[]]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// Each step prints its own failures; Jest's summary line stays the last line of the run.
void Promise.all(steps.map(run)).then((codes) => process.exit(codes.some((code) => code !== 0) ? 1 : 0));
