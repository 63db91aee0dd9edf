// Issue 6 (6): the CodeLens "Test in QEMU" above a launch command runs the
// configuration check and reports QEMU's verdict.
import assert from 'node:assert/strict';
import { EXTENSION_OUTPUT_CHANNEL } from '../harness.mjs';

export const meta = {
  title: 'CodeLens "Test in QEMU"',
  pending: 'the "Test in QEMU" CodeLens is not implemented yet (issue 6, later)',
  trust: 'trust',
};

export default async function codeLensTest(h) {
  await h.openFile('broken.sh');
  const lens = h.activeEditor().locator('.codelens-decoration a', { hasText: /Test in QEMU/ }).first();
  await lens.waitFor({ state: 'visible' });
  await h.screenshot('codelens');
  await lens.click();
  // QEMU 7.2 refuses the fixture with its label-size message.
  const out = await h.waitForOutputChannel(EXTENSION_OUTPUT_CHANNEL, (t) => /is required at least 0x20000/.test(t), 120_000);
  assert.match(out, /label-size/);
  await h.showOutputChannel(EXTENSION_OUTPUT_CHANNEL);
  await h.screenshot('test-in-qemu-output');
}
