/**
 * Fast fuzz subset of the whole pipeline (analyze, rules, completion, hover,
 * symbols, invocation, quick fixes): every real example as is, then mutated
 * examples and free text. The long run is `npm run fuzz`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, newStats, seeds, withEol } from './harness';
import { PROPERTIES, runProperty } from './properties';

/** Fixed seed: the same cases every run (the long run varies it). */
const SEED = 20240501;

test('every real example passes the invariants (LF, CRLF and lone-CR line endings)', () => {
  const stats = newStats();
  const problems: string[] = [];
  for (const s of seeds()) {
    for (const eol of ['lf', 'crlf', 'cr'] as const) {
      // Lone-CR and CRLF variants of the big corpora are covered by the mutation property.
      if (eol !== 'lf' && !/^(examples|test)/.test(s.name)) continue;
      problems.push(...checkDocument({ text: withEol(s.text, eol), fileName: s.fileName, cursors: [0, 17, 101, 499] }, stats));
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(stats.findings > 100 && stats.fixesChecked > 50, JSON.stringify(stats));
});

test('emoji and other astral characters before and inside options keep UTF-16 ranges', () => {
  const text = '# 😀😀\r\nqemu-system-x86_64 -M pc -m 1G \\\r\n  -object memory-backend-file,id=😀,mem-path=/tmp/😀.img,size=1G \\\r\n  -device nvdimm,memdev=😀,label-size=64K\r\n';
  const problems = checkDocument({ text, fileName: 'emoji.sh', cursors: [...text].map((_, i) => i) });
  assert.deepEqual(problems, []);
});

for (const [name, runs] of [
  ['pipeline: mutated real examples', 250],
  ['pipeline: free text as shell and XML', 400],
] as const) {
  test(`${name} (${runs} cases)`, () => {
    const p = PROPERTIES.find((x) => x.name === name)!;
    assert.equal(runProperty(p, runs, newStats(), SEED), runs);
  });
}
