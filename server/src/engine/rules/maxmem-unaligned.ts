import type { Rule } from './types';
import { formatSize } from '../qemu/size';
import { hasDeviceMemory, isX86Pc, maxMem, ramSize } from '../model/query';
import { setValue } from './edits';

/** x86: maxmem must be a multiple of 4 KiB (checked when there is device memory). */
export const rule: Rule = {
  meta: {
    code: 'maxmem-unaligned',
    severity: 'error',
    category: 'memory',
    title: 'maxmem not a multiple of 4 KiB',
    upstreamMessage: 'maximum memory size must by aligned to multiple of 4096 bytes',
  },
  check(ctx) {
    const { vm } = ctx;
    if (!isX86Pc(vm) || !hasDeviceMemory(vm)) return;
    const p = vm.memoryProps.get('maxmem');
    const max = maxMem(vm);
    const ram = ramSize(vm);
    if (!p || max === undefined || ram === undefined || max <= ram || max % 4096 === 0) return;
    const up = Math.ceil(max / 4096) * 4096;
    const text = up % (1024 * 1024) === 0 ? formatSize(up) : String(up);
    ctx.report({
      span: p.span,
      message: `QEMU refuses maxmem=${p.raw} (${max} bytes): on x86 it must be a multiple of 4096 bytes ("maximum memory size must by aligned to multiple of 4096 bytes"). Use maxmem=${text}.`,
      fixes: [{ title: `Round maxmem up to ${text}`, edits: [setValue(vm.memories[vm.memories.length - 1], p, text)], safe: true }],
    });
  },
};
