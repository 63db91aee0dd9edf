import type { LibvirtRule } from './types';
import { dimmSlotOf, freeDimmSlot } from './common';

/** Q6: two dimm/nvdimm devices cannot share a slot. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-dimm-slot-duplicate',
    severity: 'error',
    category: 'libvirt',
    title: 'Two memory devices in the same dimm slot',
    upstreamMessage: "unsupported configuration: memory device slot '0' is already being used by another memory device",
  },
  check(ctx) {
    const { domain } = ctx;
    const seen = new Map<bigint, { span: { start: number; end: number } }>();
    for (const dev of domain.memoryDevices) {
      const s = dimmSlotOf(dev);
      const a = dev.address;
      if (s === undefined || !a) continue;
      const span = a.type?.text === 'dimm' ? a.slot!.span : a.element.nameSpan;
      const first = seen.get(s);
      if (!first) {
        seen.set(s, { span });
        continue;
      }
      const free = freeDimmSlot(domain);
      ctx.report({
        span,
        message: `libvirt refuses this device ("unsupported configuration: memory device slot '${s}' is already being used by another memory device"). Give each device its own slot (slot ${free} is free), or drop the <address> to let libvirt choose.`,
        related: [{ span: first.span, message: `slot ${s} is taken here` }],
        fixes: a.type?.text === 'dimm' ? [{ title: `Use slot ${free}`, edits: [{ span: a.slot!.span, newText: String(free) }], safe: false }] : [],
      });
    }
  },
};
