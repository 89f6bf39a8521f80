/**
 * Asks a running service for its consistency report and exits non-zero when any invariant is broken.
 * Owed work (`owed`: follow-ups the reconcile pass will finish) is printed but does not fail the check;
 * the service reports it as a violation once it is overdue.
 *   npm run check:consistency -- [baseUrl] [adminToken]     (default http://localhost:3000)
 */
async function main(): Promise<void> {
  const [baseUrl = 'http://localhost:3000', token] = process.argv.slice(2);
  const response = await fetch(new URL('/api/admin/consistency', baseUrl), {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const report = (await response.json()) as { violations?: unknown[]; owed?: unknown[] };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (!response.ok) throw new Error(`the service answered ${response.status}`);
  const owed = (report.owed ?? []).length;
  if (owed > 0) process.stderr.write(`${owed} item(s) of owed work pending (not a violation yet)\n`);
  if ((report.violations ?? []).length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`consistency check failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
