import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Hunk {
  oldStart: number;
  oldCount: number;
  lines: string[];
}

interface FilePatch {
  path: string;
  hunks: Hunk[];
}

/**
 * Applies a unified diff (as `diff -ru a b` or `git diff` write it) to the files under rootDir. Done in
 * Node because neither `patch` nor `git` is on a fresh Debian machine. A hunk applies only where its
 * context and removed lines match exactly: the source is pinned by version, so any drift is an error,
 * never something to fuzz past.
 */
export function applyUnifiedDiff(diff: string, rootDir: string): void {
  for (const file of parse(diff)) {
    const target = join(rootDir, file.path);
    const lines = readFileSync(target, 'utf8').split('\n');
    let shift = 0;
    for (const hunk of file.hunks) {
      const expected = hunk.lines.filter((l) => l[0] !== '+').map((l) => l.slice(1));
      const replacement = hunk.lines.filter((l) => l[0] !== '-').map((l) => l.slice(1));
      // A hunk that removes nothing and has no context inserts after oldStart rather than at it.
      const at = (hunk.oldCount === 0 ? hunk.oldStart : hunk.oldStart - 1) + shift;
      const found = lines.slice(at, at + expected.length);
      if (found.length !== expected.length || found.some((line, i) => line !== expected[i])) {
        throw new Error(`patch does not apply to ${file.path} at line ${hunk.oldStart}`);
      }
      lines.splice(at, expected.length, ...replacement);
      shift += replacement.length - expected.length;
    }
    writeFileSync(target, lines.join('\n'));
  }
}

function parse(diff: string): FilePatch[] {
  const files: FilePatch[] = [];
  let hunk: Hunk | undefined;
  let remaining = { old: 0, new: 0 };
  for (const line of diff.split('\n')) {
    if (hunk && (remaining.old > 0 || remaining.new > 0)) {
      if (line.startsWith('\\')) continue;
      const kind = line[0] ?? ' ';
      if (kind !== ' ' && kind !== '-' && kind !== '+') throw new Error(`malformed hunk line: ${line}`);
      hunk.lines.push(line.length === 0 ? ' ' : line);
      if (kind !== '+') remaining.old -= 1;
      if (kind !== '-') remaining.new -= 1;
      continue;
    }
    if (line.startsWith('+++ ')) {
      const path = line.slice(4).split('\t')[0].trim();
      if (path === '/dev/null') throw new Error('patches that delete files are not supported');
      files.push({ path: path.replace(/^[^/]+\//, ''), hunks: [] });
      continue;
    }
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (header) {
      const file = files.at(-1);
      if (!file) throw new Error('hunk before any file header');
      hunk = { oldStart: Number(header[1]), oldCount: Number(header[2] ?? 1), lines: [] };
      remaining = { old: hunk.oldCount, new: Number(header[4] ?? 1) };
      file.hunks.push(hunk);
    }
  }
  if (hunk && (remaining.old > 0 || remaining.new > 0)) throw new Error('patch ends inside a hunk');
  return files;
}
