import type { Rule } from './types';
import { formatSize } from '../qemu/size';
import { memoryDevices } from '../model/query';
import { memoryEdit, suggestedMaxmem } from './capacity';

/** Memory devices live between -m size and maxmem: without maxmem there is no room. */
export const rule: Rule = {
  meta: {
    code: 'maxmem-missing',
    severity: 'error',
    category: 'memory',
    title: 'Memory device without -m maxmem',
    upstreamMessage:
      'memory devices (e.g. for memory hotplug) are not enabled, please specify the maxmem option',
  },
  check(ctx) {
    const { vm } = ctx;
    if (vm.memoryProps.has('maxmem')) return;
    // slots without maxmem is its own error at -m (slots-without-maxmem).
    if (vm.memoryProps.has('slots')) return;
    const devices = memoryDevices(vm);
    if (!devices.length) return;
    const max = suggestedMaxmem(vm);
    const edit = max !== undefined ? memoryEdit(vm, 'maxmem', formatSize(max)) : undefined;
    for (const d of devices) {
      ctx.report({
        span: d.props.get('driver')?.span ?? d.argSpan,
        message: `QEMU refuses this ${d.driver}: memory devices need room between -m size and maxmem, and -m has no maxmem. Add maxmem=${max !== undefined ? formatSize(max) : '<RAM + device sizes>'} to -m.`,
        fixes: edit && max !== undefined ? [{ title: `Add maxmem=${formatSize(max)} to -m`, edits: [edit], safe: true }] : [],
      });
    }
  },
};
