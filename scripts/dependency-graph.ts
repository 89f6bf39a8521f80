/**
 * Writes the folder-level dependency graph of src/ (dependency-cruiser's mermaid output) into
 * docs/architecture.md, between the dependency-graph markers, so the drawing is generated, never edited.
 *   npm run docs:deps               rewrites the graph
 *   npm run docs:deps -- --check    exits 1 when the document's graph is stale (CI, in lint:deps)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const DOC = join(ROOT, 'docs', 'architecture.md');
const BEGIN = '<!-- dependency-graph:begin (npm run docs:deps writes this block) -->';
const END = '<!-- dependency-graph:end -->';

function graph(): string {
  const mermaid = execFileSync(
    join(ROOT, 'node_modules', '.bin', 'depcruise'),
    [
      'src',
      '--config',
      '.dependency-cruiser.js',
      '--include-only',
      '^src/',
      // The composition root imports every module: drawn, it would hide the edges that say something.
      '--exclude',
      '\\.spec\\.ts$|^src/(main|app\\.module|app\\.setup)\\.ts$',
      '--collapse',
      '^src/[^/]+',
      '--output-type',
      'mermaid',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return `${BEGIN}\n\n\`\`\`mermaid\n${mermaid.trim()}\n\`\`\`\n\n${END}`;
}

const doc = readFileSync(DOC, 'utf8');
const begin = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
if (begin < 0 || end < begin) throw new Error(`${DOC} has no dependency-graph markers`);
const updated = doc.slice(0, begin) + graph() + doc.slice(end + END.length);

if (process.argv.includes('--check')) {
  if (updated !== doc) {
    process.stderr.write('docs/architecture.md: the dependency graph is stale; run `npm run docs:deps`\n');
    process.exit(1);
  }
} else {
  writeFileSync(DOC, updated);
}
