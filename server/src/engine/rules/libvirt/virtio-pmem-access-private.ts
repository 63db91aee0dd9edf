import type { LibvirtRule } from './types';

/** V9: virtio-pmem must be shared (libvirt forces shared when access is absent). */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-virtio-pmem-access-private',
    severity: 'error',
    category: 'libvirt',
    title: "virtio-pmem with access='private'",
    upstreamMessage: 'unsupported configuration: shared access mode required for virtio-pmem device',
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      if (dev.model?.text !== 'virtio-pmem' || dev.access?.text !== 'private') continue;
      ctx.report({
        span: dev.access.span,
        message: `libvirt refuses this virtio-pmem device ("unsupported configuration: shared access mode required for virtio-pmem device"): a private mapping would drop every guest write to the backing file. Set access='shared' (or leave access out: libvirt then uses shared).`,
        fixes: [{ title: "Set access='shared'", edits: [{ span: dev.access.span, newText: 'shared' }], safe: true }],
      });
    }
  },
};
