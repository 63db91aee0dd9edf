import type { LibvirtRule } from './types';
import { freeDimmSlot } from './common';

/** Q5: a dimm slot must be below <maxMemory slots>. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-dimm-slot-out-of-range',
    severity: 'error',
    category: 'libvirt',
    title: 'dimm address slot not below <maxMemory slots>',
    upstreamMessage: "unsupported configuration: memory device slot '16' exceeds slots count '16'",
  },
  check(ctx) {
    const { domain } = ctx;
    const slots = domain.maxMemory?.slots?.number;
    if (!slots) return;
    for (const dev of domain.memoryDevices) {
      const m = dev.model?.text;
      const a = dev.address;
      if ((m !== 'nvdimm' && m !== 'dimm') || a?.type?.text !== 'dimm' || a.slot?.number === undefined || a.slot.number < slots) continue;
      const free = freeDimmSlot(domain, dev);
      ctx.report({
        span: a.slot.span,
        message: `libvirt refuses this device ("unsupported configuration: memory device slot '${a.slot.number}' exceeds slots count '${slots}'"). Slots count from 0 to ${slots - 1n}: use a free one${BigInt(free) < slots ? ` such as ${free}` : ''}, or raise <maxMemory slots>.`,
        fixes: BigInt(free) < slots ? [{ title: `Use slot ${free}`, edits: [{ span: a.slot.span, newText: String(free) }], safe: false }] : [],
      });
    }
  },
};
