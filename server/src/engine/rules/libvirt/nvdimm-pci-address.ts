import type { LibvirtRule } from './types';
import { ADDRESS_TYPES, freeDimmSlot, usesDimmSlot } from './common';

/**
 * Q4 (intent): dimm/nvdimm devices sit in dimm slots. libvirt 9.0.0 does not
 * refuse another address type: it relabels the address as dimm without
 * clearing it, so a PCI address becomes slot=<pci domain>, base=<pci slot>
 * (qemu_domain_address.c). Warn and offer a real dimm slot.
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-nvdimm-pci-address',
    severity: 'warning',
    category: 'libvirt',
    title: 'nvdimm/dimm with a non-dimm (e.g. PCI) address: silently rewritten (QEMU then refuses a non-zero base)',
    upstreamMessage: "unsupported configuration: only 'dimm' addresses are supported for the pc-dimm device",
  },
  check(ctx) {
    const { domain } = ctx;
    for (const dev of domain.memoryDevices) {
      const a = dev.address;
      const type = a?.type?.text;
      if (!a || !usesDimmSlot(dev) || !type || type === 'dimm' || !(ADDRESS_TYPES as readonly string[]).includes(type)) continue;
      const slot = freeDimmSlot(domain, dev);
      const base = type === 'pci' ? (a.slot?.number ?? 0n) + ((a.function?.number ?? 0n) << 32n) : 0n;
      // A non-zero base from a PCI slot is never page aligned: QEMU refuses to start.
      const fatal = base !== 0n;
      const became = type === 'pci'
        ? ` It becomes <address type='dimm' slot='${a.domain?.number ?? 0n}'${base ? ` base='0x${base.toString(16)}'` : ''}/>${fatal ? `, and QEMU refuses to start with a DIMM at guest address 0x${base.toString(16)} ("address must be aligned to ..." bytes)` : ''}.`
        : '';
      ctx.report({
        severity: fatal ? 'error' : 'warning',
        span: a.type!.span,
        message: `A ${dev.model!.text} sits in a memory (dimm) slot, not on a ${type} bus. libvirt 9.0.0 accepts this ${type} address and silently rewrites it as a dimm address (QEMU's own check, "only 'dimm' addresses are supported for the pc-dimm device", never sees it).${became} Use <address type='dimm' slot='${slot}'/>.`,
        fixes: [{ title: `Use <address type='dimm' slot='${slot}'/>`, edits: [{ span: a.element.span, newText: `<address type='dimm' slot='${slot}'/>` }], safe: true }],
      });
    }
  },
};
