import type { Rule } from './types';
import { hasDeviceMemory, isX86Pc, maxMem, ramSize, slotCount } from '../model/query';
import { setValue } from './edits';

/** x86 and arm virt: at most 256 memory slots (ACPI_MAX_RAM_SLOTS). */
export const rule: Rule = {
  meta: {
    code: 'too-many-slots',
    severity: 'error',
    category: 'memory',
    title: 'More than 256 memory slots',
    upstreamMessage: 'unsupported amount of memory slots: 257',
  },
  check(ctx) {
    const { vm } = ctx;
    const x86 = isX86Pc(vm);
    if (!x86 && vm.arch !== 'aarch64') return;
    const p = vm.memoryProps.get('slots');
    const slots = slotCount(vm);
    if (!p || slots === undefined || slots <= 256) return;
    const max = maxMem(vm);
    const ram = ramSize(vm);
    // x86 checks it only when there is device memory (maxmem > size).
    if (x86 && (!hasDeviceMemory(vm) || max === undefined || ram === undefined || max <= ram)) return;
    const upstream = x86 ? `unsupported amount of memory slots: ${slots}` : `unsupported number of memory slots: ${slots}`;
    ctx.report({
      span: p.span,
      message: `QEMU refuses slots=${p.raw}: the ACPI tables describe at most 256 memory slots ("${upstream}"). Use slots=256 or fewer.`,
      fixes: [{ title: 'Use slots=256', edits: [setValue(vm.memories[vm.memories.length - 1], p, '256')], safe: false }],
    });
  },
};
