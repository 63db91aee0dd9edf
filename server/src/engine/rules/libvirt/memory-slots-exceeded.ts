import type { LibvirtRule } from './types';

/**
 * Q10: every memory device (virtio-pmem included) counts against
 * <maxMemory slots>. When a dimm/nvdimm still needs a slot, define fails
 * earlier with "internal error: failed to find an empty memory slot".
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-memory-slots-exceeded',
    severity: 'error',
    category: 'libvirt',
    title: 'More memory devices than <maxMemory slots>',
    upstreamMessage: "unsupported configuration: memory device count '%u' exceeds slots count '%u'",
  },
  check(ctx) {
    const { domain } = ctx;
    const slots = domain.maxMemory?.slots;
    if (!slots?.number) return;
    const n = BigInt(domain.memoryDevices.length);
    if (n <= slots.number) return;
    ctx.report({
      span: slots.span,
      message: `libvirt refuses the domain: it has ${n} memory devices but only ${slots.number} slots ("unsupported configuration: memory device count '${n}' exceeds slots count '${slots.number}'", or "internal error: failed to find an empty memory slot" when a dimm/nvdimm has no slot yet). Every <memory> device, virtio-pmem included, takes a slot: raise slots to at least ${n}.`,
      fixes: [{ title: `Set slots='${n}'`, edits: [{ span: slots.span, newText: String(n) }], safe: true }],
    });
  },
};
