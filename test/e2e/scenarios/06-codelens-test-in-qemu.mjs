// Issue 6 (6): the CodeLens "Test in QEMU" above a launch command runs the
// configuration check with the real QEMU and reports QEMU's verdict in the
// output channel. (mem-path is under /tmp so that the probe gets as far as
// the device checks; the probe never touches the user's file.)
import assert from 'node:assert/strict';
import { EXTENSION_OUTPUT_CHANNEL } from '../harness.mjs';

export const meta = {
  title: 'CodeLens "Test in QEMU"',
  trust: 'trust',
};

export default async function codeLensTest(h) {
  await h.openFile('broken.sh');
  const lens = h.activeEditor().locator('.codelens-decoration a', { hasText: /Test in QEMU/ }).first();
  await lens.waitFor({ state: 'visible' });
  await h.screenshot('codelens');
  await lens.click();
  // QEMU 7.2 checks label-size first: it refuses the fixture with that message.
  const out = await h.waitForOutputChannel(EXTENSION_OUTPUT_CHANNEL, (t) => /Config check:/.test(t), 60_000);
  const verdict = out.split('\n').filter((l) => /Config check:/.test(l)).pop();
  assert.match(verdict, /required at least 0x20000/, out);
  assert.match(out, /Test in QEMU: broken\.sh:\d+/, out);
  await h.showOutputChannel(EXTENSION_OUTPUT_CHANNEL);
  await h.screenshot('test-in-qemu-output');
}
