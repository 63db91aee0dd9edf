// Smoke test of the harness itself: the workbench opens the fixture workspace
// and shows a plain file. Does not need the extension.
import assert from 'node:assert/strict';

export const meta = { title: 'workbench opens a plain file', needsExtension: false };

export default async function smoke(h) {
  await h.openFile('plain.txt');
  const text = await h.editorText();
  assert.match(text, /^A plain text file: the smoke scenario opens it/);
  await h.screenshot('plain-file');
}
