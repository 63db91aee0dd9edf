import type { LibvirtRule } from './types';
import type { Span } from '../../text';

/** Q7: two dimm/nvdimm devices cannot have the same (non-zero) base address. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-dimm-base-duplicate',
    severity: 'error',
    category: 'libvirt',
    title: 'Two memory devices at the same dimm base address',
    upstreamMessage: "unsupported configuration: memory device base '0x100000000' is already being used by another memory device",
  },
  check(ctx) {
    const seen = new Map<bigint, Span>();
    for (const dev of ctx.domain.memoryDevices) {
      const m = dev.model?.text;
      const base = dev.address?.type?.text === 'dimm' ? dev.address.base : undefined;
      if ((m !== 'nvdimm' && m !== 'dimm') || !base?.number) continue;
      const first = seen.get(base.number);
      if (!first) {
        seen.set(base.number, base.span);
        continue;
      }
      ctx.report({
        span: base.span,
        message: `libvirt refuses this device ("unsupported configuration: memory device base '0x${base.number.toString(16)}' is already being used by another memory device"). Remove base= to let QEMU place the device, or give it an address past the other device's end.`,
        related: [{ span: first, message: 'the same base is used here' }],
      });
    }
  },
};
