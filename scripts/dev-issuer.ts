/**
 * A development OpenID Connect issuer on loopback, to try the secured mode on a workstation: it generates a
 * key pair, serves /.well-known/jwks.json and /.well-known/openid-configuration, prints the settings that
 * make the service trust it, and tokens to call the service with. Keys live in memory only: after a
 * restart, take the new tokens (the service fetches the new keys by itself).
 *   npm run dev-issuer                                   tokens for a customer, another customer, an organizer,
 *                                                        an admin, and one for the demo
 *   npm run dev-issuer -- --sub alice --roles organizer  one token for that subject and those roles
 * Options: --port (default 4000; 0 takes any free port), --ttl token lifetime in seconds (default 43200),
 * --print-env: print only machine-readable lines, AUTH_ISSUER=…, AUTH_AUDIENCE=… and TOKEN=… (needs --sub),
 * for a script that starts the issuer itself (scripts/schemathesis.sh in its secured mode).
 */
import { parseArgs } from 'node:util';
import { LOCAL_AUDIENCE, LocalIssuer, type TokenClaims } from '../test/support/local-issuer';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4000' },
    sub: { type: 'string' },
    roles: { type: 'string', default: '' },
    ttl: { type: 'string', default: '43200' },
    'print-env': { type: 'boolean', default: false },
  },
});

const rolesOf = (list: string) =>
  list
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);

/** The demo creates events (organizer), reads the audit trail (admin) and holds seats as `demo-user`. */
const DEFAULT_SUBJECTS: (TokenClaims & { label: string })[] = [
  { label: 'customer', sub: 'alice', roles: [] },
  { label: 'another customer', sub: 'bob', roles: [] },
  { label: 'organizer', sub: 'olivia', roles: ['organizer'] },
  { label: 'admin', sub: 'ada', roles: ['admin'] },
  { label: 'the demo (DEMO_TOKEN)', sub: 'demo-user', roles: ['organizer', 'admin'] },
];

async function main(): Promise<void> {
  const issuer = await LocalIssuer.start({ port: Number(values.port) });
  const expiresIn = Number(values.ttl);
  if (values['print-env']) {
    if (!values.sub) throw new Error('--print-env needs --sub (and usually --roles)');
    const token = await issuer.token({ sub: values.sub, roles: rolesOf(values.roles) }, { expiresIn });
    const env = { ...issuer.env, TOKEN: token };
    process.stdout.write(
      `${Object.entries(env)
        .map(([name, value]) => `${name}=${value}`)
        .join('\n')}\n`,
    );
  } else process.stdout.write(`${(await instructions(issuer, expiresIn)).join('\n')}\n`);
  const stop = () => void issuer.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** What a person reads: how to start the service trusting this issuer, and tokens to call it with. */
async function instructions(issuer: LocalIssuer, expiresIn: number): Promise<string[]> {
  const subjects = values.sub
    ? [{ label: rolesOf(values.roles).join(', ') || 'customer', sub: values.sub, roles: rolesOf(values.roles) }]
    : DEFAULT_SUBJECTS;
  const lines = [
    `Development issuer at ${issuer.url} (keys in memory; Ctrl-C stops it). Never use it outside a workstation.`,
    '',
    'Start the service trusting it:',
    `  AUTH_ISSUER=${issuer.url} AUTH_AUDIENCE=${LOCAL_AUDIENCE} npm start`,
    '',
    `Tokens, valid ${expiresIn} s: Swagger UI's Authorize button (http://127.0.0.1:3000/docs) takes one, curl takes`,
    '  -H "Authorization: Bearer <token>", the demo takes DEMO_TOKEN=<token> npm run demo.',
  ];
  for (const subject of subjects) {
    lines.push('', `${subject.sub} — ${subject.label}:`, await issuer.token(subject, { expiresIn }));
  }
  return lines;
}

main().catch((error: unknown) => {
  process.stderr.write(`dev-issuer failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
