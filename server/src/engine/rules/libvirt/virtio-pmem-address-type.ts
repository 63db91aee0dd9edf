import type { LibvirtRule } from './types';
import { ADDRESS_TYPES, removeElement } from './common';

/** Q8: a virtio-pmem device is a PCI device; only PCI addresses are accepted. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-virtio-pmem-address-type',
    severity: 'error',
    category: 'libvirt',
    title: 'virtio-pmem with a non-PCI address',
    upstreamMessage: "unsupported configuration: only 'pci' addresses are supported for the virtio-pmem device",
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      const a = dev.address;
      const type = a?.type?.text;
      if (dev.model?.text !== 'virtio-pmem' || !a || !type || type === 'pci' || !(ADDRESS_TYPES as readonly string[]).includes(type)) continue;
      ctx.report({
        span: a.type!.span,
        message: `libvirt refuses this virtio-pmem device ("unsupported configuration: only 'pci' addresses are supported for the virtio-pmem device"): it is a virtio PCI device and takes no memory slot. Use <address type='pci' .../> or remove the <address> to let libvirt assign one.`,
        fixes: [{ title: 'Remove the <address>', edits: [removeElement(ctx.text, a.element)], safe: true }],
      });
    }
  },
};
