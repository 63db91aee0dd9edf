import type { Rule } from './types';
import { parseSize, formatSize } from '../qemu/size';
import { maxMem, ramSize, slotCount } from '../model/query';
import { hex } from './common';
import { setValue } from './edits';

/**
 * maxmem must be at least -m size (and larger when slots are given). A
 * suffix-less maxmem is bytes while a suffix-less size is MiB: `-m
 * 1024,maxmem=4096` asks for 4 KiB of maxmem.
 */
export const rule: Rule = {
  meta: {
    code: 'maxmem-below-size',
    severity: 'error',
    category: 'memory',
    title: 'maxmem smaller than (or, with slots, equal to) the initial RAM size',
    upstreamMessage:
      'invalid value of maxmem: maximum memory size (0x800) must be at least the initial memory size (0x20000000)',
  },
  check(ctx) {
    const { vm } = ctx;
    const p = vm.memoryProps.get('maxmem');
    const max = maxMem(vm);
    const ram = ramSize(vm);
    if (!p || max === undefined || ram === undefined) return;
    const slots = slotCount(vm) ?? 0;
    if (max > ram || (max === ram && slots === 0)) return;
    const suffixless = /^\s*\d+\s*$/.test(p.raw) && !p.entry.jsonType;
    const asMiB = suffixless ? parseSize(p.raw, { defaultUnit: 'M' }) : undefined;
    const trap = asMiB?.ok && asMiB.bytes > ram;
    const upstream =
      max < ram
        ? `invalid value of maxmem: maximum memory size (${hex(max)}) must be at least the initial memory size (${hex(ram)})`
        : `invalid value of maxmem: memory slots were specified but maximum memory size (${hex(max)}) is equal to the initial memory size (${hex(ram)})`;
    ctx.report({
      span: p.span,
      message: trap
        ? `QEMU refuses maxmem=${p.raw}: without a suffix maxmem is in BYTES (unlike -m size, which is MiB), so this is ${max} bytes ("${upstream}"). Write maxmem=${p.raw.trim()}M.`
        : `QEMU refuses maxmem=${p.raw} (${formatSize(max)}): it must be ${max < ram ? 'at least' : 'larger than'} the initial RAM ${formatSize(ram)} ("${upstream}").`,
      fixes: trap ? [{ title: `Write maxmem=${p.raw.trim()}M`, edits: [setValue(vm.memories[vm.memories.length - 1], p, `${p.raw.trim()}M`)], safe: true }] : [],
    });
  },
};
