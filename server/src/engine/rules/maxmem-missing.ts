import type { Rule } from './types';
import { formatSize } from '../qemu/size';
import { maxMem, memoryDevices, ramSize } from '../model/query';
import { versionAtLeast } from '../kb';
import { memoryEdit, suggestedMaxmem } from './capacity';

/**
 * Memory devices live between -m size and maxmem: without maxmem (or with
 * maxmem equal to size) there is no device memory.
 */
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
    // slots without maxmem is its own error at -m (slots-without-maxmem); with slots,
    // maxmem == size is maxmem-below-size.
    if (vm.memoryProps.has('slots')) return;
    const p = vm.memoryProps.get('maxmem');
    if (p) {
      const max = maxMem(vm);
      const ram = ramSize(vm);
      if (p.unknown || max === undefined || ram === undefined || max !== ram) return;
    }
    const devices = memoryDevices(vm).filter((d) => d.driver !== 'virtio-pmem');
    if (!devices.length) return;
    const max = suggestedMaxmem(vm);
    const edit = max !== undefined ? memoryEdit(vm, 'maxmem', formatSize(max)) : undefined;
    const upstream = versionAtLeast(ctx.options.qemuVersion, '8.1')
      ? 'the configuration is not prepared for memory devices (e.g., for memory hotplug), consider specifying the maxmem option'
      : 'memory devices (e.g. for memory hotplug) are not enabled, please specify the maxmem option';
    for (const d of devices) {
      ctx.report({
        span: d.props.get('driver')?.span ?? d.argSpan,
        message: `QEMU refuses this ${d.driver}: memory devices live between -m size and maxmem, and -m has ${p ? 'maxmem equal to size' : 'no maxmem'} ("${upstream}"). ${p ? 'Raise' : 'Add'} maxmem=${max !== undefined ? formatSize(max) : '<RAM + device sizes>'}${p ? '' : ' to -m'}.`,
        fixes: edit && max !== undefined ? [{ title: `${p ? 'Raise' : 'Add'} maxmem=${formatSize(max)}${p ? '' : ' to -m'}`, edits: [edit], safe: true }] : [],
      });
    }
  },
};
