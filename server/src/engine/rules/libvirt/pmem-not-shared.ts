import type { LibvirtRule } from './types';
import { effectiveAccess, setAttribute } from './common';

/**
 * The persistence hazard: an nvdimm whose effective access (device
 * `access`, else its NUMA cell's `memAccess`, else
 * <memoryBacking><access mode>) is not shared gets a backend with
 * share=false (or no share, QEMU's default off): QEMU maps the file
 * privately and guest writes never reach it.
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-pmem-not-shared',
    severity: 'warning',
    category: 'persistence',
    title: "nvdimm without shared access: guest writes never reach the file",
  },
  check(ctx) {
    const { domain, text } = ctx;
    for (const dev of domain.memoryDevices) {
      if (dev.model?.text !== 'nvdimm' || !dev.source?.path?.text) continue;
      const eff = effectiveAccess(domain, dev);
      if (eff.mode === 'shared' || (eff.mode !== undefined && eff.mode !== 'private')) continue;
      const why =
        eff.from === 'device'
          ? `access='private' makes libvirt pass share=false`
          : eff.from === 'numa-cell'
            ? `it inherits memAccess='private' from its NUMA cell, so libvirt passes share=false`
            : eff.from === 'memoryBacking'
              ? `it inherits <memoryBacking><access mode='private'/>, so libvirt passes share=false`
              : `neither the device (access=), its NUMA cell (memAccess=) nor <memoryBacking><access> says shared, so libvirt passes no share= and QEMU defaults to share=off`;
      ctx.report({
        span: eff.from === 'device' ? dev.access!.span : dev.model!.span,
        message: `Guest writes to this nvdimm are lost: ${why}. QEMU then maps '${dev.source.path.text}' privately (MAP_PRIVATE), and nothing the guest writes reaches the file. Neither libvirt nor QEMU warns. Set access='shared' on the <memory> device.`,
        related: eff.span && eff.from !== 'device' ? [{ span: eff.span, message: 'the access mode is inherited from here' }] : undefined,
        fixes: [{ title: "Set access='shared'", edits: [setAttribute(text, dev.element, 'access', 'shared')], safe: true }],
      });
    }
  },
};
