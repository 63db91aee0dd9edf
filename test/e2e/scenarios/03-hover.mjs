// Issue 6 (3): hovering over `label-size` shows its documentation.
import assert from 'node:assert/strict';
import { ours } from '../expect.mjs';

export const meta = { title: 'hover documentation of label-size' };

export default async function hover(h) {
  await h.openFile('broken.sh');
  // Our diagnostics show that the language server is up.
  await h.waitForProblems((r) => ours(r, 'broken.sh').length > 0);
  const at = h.positionOf('broken.sh', 'label-size=64K', { delta: 2 }); // inside "label-size"
  const text = await h.hoverAt(at.line, at.column, { expect: /label-size/ });
  await h.screenshot('hover-label-size');
  // The property's documentation: the label area and its 128 KiB minimum.
  assert.match(text, /label area/i, text);
  assert.match(text, /\b128\s*K(iB)?\b|0x20000|131072/i, text);
}
