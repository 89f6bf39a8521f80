import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyUnifiedDiff } from './unified-diff';

const ORIGINAL = [
  'package x',
  '',
  'const a = 1',
  'const b = 2',
  'const c = 3',
  '',
  'func f() {}',
  'func g() {}',
  '',
].join('\n');

const DIFF = `diff -ru a/pkg/x.go b/pkg/x.go
--- a/pkg/x.go
+++ b/pkg/x.go
@@ -2,3 +2,4 @@
 
-const a = 1
+const a = 10
+const aa = 11
 const b = 2
@@ -7,2 +8,3 @@
 func f() {}
+func h() {}
 func g() {}
`;

describe('applyUnifiedDiff', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'unified-diff-'));
    mkdirSync(join(root, 'pkg'));
    writeFileSync(join(root, 'pkg', 'x.go'), ORIGINAL);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('applies every hunk, later hunks shifted by the lines earlier ones added', () => {
    applyUnifiedDiff(DIFF, root);

    expect(readFileSync(join(root, 'pkg', 'x.go'), 'utf8')).toBe(
      [
        'package x',
        '',
        'const a = 10',
        'const aa = 11',
        'const b = 2',
        'const c = 3',
        '',
        'func f() {}',
        'func h() {}',
        'func g() {}',
        '',
      ].join('\n'),
    );
  });

  it('refuses a hunk whose context does not match, and leaves the file as it was', () => {
    writeFileSync(join(root, 'pkg', 'x.go'), ORIGINAL.replace('const b = 2', 'const b = 3'));

    expect(() => applyUnifiedDiff(DIFF, root)).toThrow('patch does not apply to pkg/x.go at line 2');
    expect(readFileSync(join(root, 'pkg', 'x.go'), 'utf8')).toBe(ORIGINAL.replace('const b = 2', 'const b = 3'));
  });

  it('refuses a patch that ends inside a hunk', () => {
    expect(() => applyUnifiedDiff(DIFF.split('\n').slice(0, -3).join('\n'), root)).toThrow('patch ends inside a hunk');
  });
});
