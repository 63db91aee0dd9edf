import type { Rule } from './types';
import { formatSize } from '../qemu/size';
import { deviceRegionSize, maxMem, memoryDevices, ramSize } from '../model/query';
import { memoryEdit, suggestedMaxmem } from './capacity';
import { hex } from './common';

/** Σ device region sizes must fit in maxmem - size (NVDIMMs count without their label). */
export const rule: Rule = {
  meta: {
    code: 'maxmem-too-small',
    severity: 'error',
    category: 'memory',
    title: 'Memory devices do not fit in maxmem - size',
    upstreamMessage: 'not enough space, currently 0x10000000 in use of total space for memory devices 0x20000000',
  },
  check(ctx) {
    const { vm } = ctx;
    const max = maxMem(vm);
    const ram = ramSize(vm);
    if (max === undefined || ram === undefined || max <= ram) return;
    const total = max - ram;
    let used = 0;
    for (const d of memoryDevices(vm)) {
      const s = deviceRegionSize(vm, d);
      if (s === undefined) return;
      if (used + s > total) {
        const want = suggestedMaxmem(vm);
        const edit = want !== undefined ? memoryEdit(vm, 'maxmem', formatSize(want)) : undefined;
        ctx.report({
          span: d.props.get('driver')?.span ?? d.argSpan,
          message: `QEMU refuses this ${d.driver}: it needs ${formatSize(s)} of device memory but only ${formatSize(total - used)} of maxmem - size (${formatSize(total)}) is left ("not enough space, currently ${hex(used)} in use of total space for memory devices ${hex(total)}"). Raise maxmem${want !== undefined ? ` to ${formatSize(want)}` : ''}.`,
          related: [{ span: vm.memoryProps.get('maxmem')!.span, message: 'maxmem' }],
          fixes: edit && want !== undefined ? [{ title: `Raise maxmem to ${formatSize(want)}`, edits: [edit], safe: true }] : [],
        });
        return;
      }
      used += s;
    }
  },
};
