import type { Rule } from './types';
import { isX86Pc, slotCount } from '../model/query';
import { memoryEdit, slottedDevices, suggestedSlots } from './capacity';

/** NVDIMM and pc-dimm each take a DIMM slot: -m needs slots=N (N ≥ 1). */
export const rule: Rule = {
  meta: {
    code: 'slots-missing',
    severity: 'error',
    category: 'memory',
    title: 'NVDIMM or pc-dimm without -m slots',
    upstreamMessage: "no slots where allocated, please specify the 'slots' option",
  },
  check(ctx) {
    const { vm } = ctx;
    if (!isX86Pc(vm) && vm.arch !== 'aarch64' && vm.arch !== 'ppc64') return;
    const p = vm.memoryProps.get('slots');
    if (p?.unknown) return;
    const slots = slotCount(vm) ?? 0;
    if (slots > 0) return;
    const devices = slottedDevices(vm);
    if (!devices.length) return;
    const want = suggestedSlots(vm); // once: it walks every device
    const edit = memoryEdit(vm, 'slots', String(want));
    for (const d of devices) {
      ctx.report({
        span: d.props.get('driver')?.span ?? d.argSpan,
        message: `QEMU refuses this ${d.driver}: it needs a memory slot and -m has ${p ? 'slots=0' : 'no slots='} ("no slots where allocated, please specify the 'slots' option"). Add slots=${want} (or more, for hotplug) to -m.`,
        fixes: edit ? [{ title: `Add slots=${want} to -m`, edits: [edit], safe: true }] : [],
      });
    }
  },
};
