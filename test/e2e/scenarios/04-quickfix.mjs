// Issue 6 (4): the quick fix (Ctrl+.) repairs label-size=64K and the
// diagnostic disappears.
import assert from 'node:assert/strict';
import { CODES, describe, ours } from '../expect.mjs';

export const meta = { title: 'quick fix of label-size' };

export default async function quickFix(h) {
  await h.openFile('broken.sh');
  await h.waitForProblems((r) => ours(r, 'broken.sh').some((x) => x.code === CODES.labelSizeTooSmall));
  const at = h.positionOf('broken.sh', 'label-size=64K', { delta: 'label-size='.length }); // on "64K"
  const items = await h.quickFixItems(at.line, at.column, { expect: /label-size.*128\s*K|128\s*K.*label-size/i });
  await h.screenshot('quick-fix-menu');
  const applied = await h.applyQuickFix(at.line, at.column, /label-size.*128\s*K|128\s*K.*label-size/i);
  assert.ok(items.includes(applied), `${applied} not in ${JSON.stringify(items)}`);

  const text = await h.waitForEditorText((t) => !t.includes('label-size=64K'));
  const fixed = text.split('\n')[at.line - 1];
  assert.match(fixed, /label-size=(128K|128k|131072|0x20000)\b/, fixed);

  const rows = await h.waitForProblems((r) => !ours(r, 'broken.sh').some((x) => x.code === CODES.labelSizeTooSmall));
  // The other error is untouched by this fix.
  assert.ok(ours(rows, 'broken.sh').some((x) => x.code === CODES.nvdimmNotEnabled), describe(rows));
  await h.screenshot('after-quick-fix');
}
