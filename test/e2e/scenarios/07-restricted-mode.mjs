// Issue 6 (7): Restricted Mode (the trust dialog is declined): diagnostics
// still appear, and the launch commands are refused with the trust message.
import assert from 'node:assert/strict';
import { CODES, ours } from '../expect.mjs';

export const meta = { title: 'Restricted Mode', trust: 'decline' };

export default async function restrictedMode(h) {
  assert.equal(await h.isRestrictedMode(), true, 'the window is not in Restricted Mode');
  await h.openFile('broken.sh');
  await h.waitForProblems((r) => ours(r, 'broken.sh').some((x) => x.code === CODES.labelSizeTooSmall));
  await h.screenshot('restricted-diagnostics');

  for (const command of [/Launch in QEMU/, /Test in QEMU/]) {
    await h.runCommand(command, { filter: command.source });
    const message = await h.waitForNotification(/trust/i);
    assert.match(message, /trust/i);
    await h.screenshot(`refused-${command.source.replace(/\W+/g, '-')}`);
    await h.runCommand('Notifications: Clear All Notifications');
  }
}
