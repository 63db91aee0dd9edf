import type { Rule } from './types';
import { allDeviceNames, isKnownDevice } from '../kb';
import { closest } from './suggest';
import { valueTokenSpan } from './edits';

/** -device names a driver QEMU does not have. */
export const rule: Rule = {
  meta: {
    code: 'unknown-device',
    severity: 'error',
    category: 'syntax',
    title: 'Unknown -device driver',
    upstreamMessage: "'nvdimmm' is not a valid device model name",
  },
  check(ctx) {
    const { vm } = ctx;
    if (vm.arch === 'unknown') return;
    for (const d of vm.devices) {
      const p = d.props.get('driver');
      if (!p || p.unknown || d.driver === undefined || d.driver === 'help' || isKnownDevice(d.driver, vm.arch) !== false) continue;
      if (vm.arch !== 'x86_64') {
        ctx.report({
          span: p.span,
          message: `${vm.binaryName} has no device '${d.driver}' ("'${d.driver}' is not a valid device model name"): ${d.driver.startsWith('virtio-pmem') ? 'QEMU builds virtio-pmem for x86 only. Use -device nvdimm on this machine.' : 'it is not built for this target.'}`,
        });
        continue;
      }
      const guess = closest(d.driver, allDeviceNames().map((n) => n.name));
      ctx.report({
        span: p.span,
        message: `QEMU has no device '${d.driver}' ("'${d.driver}' is not a valid device model name").${guess ? ` Did you mean ${guess}?` : ''}`,
        fixes: guess ? [{ title: `Change to ${guess}`, edits: [{ span: valueTokenSpan(d, p), newText: d.parsed.syntax === 'json' ? JSON.stringify(guess) : guess }], safe: false }] : [],
      });
    }
  },
};
