// Issue 6 (1): a broken launch script shows our diagnostics in the Problems
// panel (count and messages) and squiggles in the editor.
import assert from 'node:assert/strict';
import { CODES, describe, ours } from '../expect.mjs';

export const meta = { title: 'diagnostics of a broken launch script' };

export default async function diagnosticsShell(h) {
  await h.openFile('broken.sh');
  const rows = await h.waitForProblems((r) => {
    const codes = ours(r, 'broken.sh').map((x) => x.code);
    return codes.includes(CODES.labelSizeTooSmall) && codes.includes(CODES.nvdimmNotEnabled);
  });
  await h.screenshot('problems');
  const mine = ours(rows, 'broken.sh');

  // label-size=64K is below QEMU's 128 KiB minimum: the problem sits on that token.
  const label = mine.find((r) => r.code === CODES.labelSizeTooSmall);
  const at = h.positionOf('broken.sh', 'label-size=64K');
  assert.equal(label.severity, 'error', describe([label]));
  assert.equal(label.line, at.line, describe([label]));
  assert.ok(label.column >= at.column && label.column <= at.column + 'label-size=64K'.length, describe([label]));
  assert.match(label.message, /128\s*KiB|0x20000|131072/i, describe([label]));

  // The machine lacks nvdimm=on.
  const nv = mine.find((r) => r.code === CODES.nvdimmNotEnabled);
  assert.equal(nv.severity, 'error', describe([nv]));
  assert.match(nv.message, /nvdimm/i, describe([nv]));

  // Exactly these two errors: the rest of the script is valid for QEMU 7.2.
  const errors = mine.filter((r) => r.severity === 'error');
  assert.deepEqual(errors.map((r) => r.code).sort(), [CODES.labelSizeTooSmall, CODES.nvdimmNotEnabled].sort(), describe(mine));

  // The status bar counts what the panel lists.
  const counts = await h.statusBarProblemCounts();
  assert.equal(counts.errors, rows.filter((r) => r.severity === 'error').length, counts.text);

  // Squiggles: one error squiggle per error, one of them on the label-size line.
  const squiggles = await h.waitForSquiggles((l) => l.filter((s) => s.severity === 'error').length >= errors.length);
  assert.ok(squiggles.some((s) => s.severity === 'error' && s.line === at.line), JSON.stringify(squiggles));
  await h.screenshot('squiggles');
}
