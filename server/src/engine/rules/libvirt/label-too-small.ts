import type { LibvirtRule } from './types';

/**
 * P4: libvirt refuses an nvdimm label below 128 KiB. libvirt keeps the label
 * in KiB rounded up, so 131071 bytes passes (and becomes 128 KiB); a label of
 * 0 counts as no label.
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-label-too-small',
    severity: 'error',
    category: 'libvirt',
    title: 'nvdimm <label><size> below 128 KiB',
    upstreamMessage: 'XML error: nvdimm label must be at least 128KiB',
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      if (dev.model?.text !== 'nvdimm') continue;
      const size = dev.target?.label?.size;
      if (!size || size.kib === undefined || size.kib === 0n || size.kib >= 128n) continue;
      const fixes = size.number
        ? [
            {
              title: 'Raise the label to 128 KiB',
              edits: [
                { span: size.number.span, newText: '128' },
                ...(size.unit
                  ? [{ span: size.unit.span, newText: 'KiB' }]
                  : []),
              ],
              safe: true,
            },
          ]
        : [];
      ctx.report({
        span: size.number?.span ?? size.span,
        message: `libvirt refuses this nvdimm: its label is ${size.kib} KiB ("XML error: nvdimm label must be at least 128KiB"), and QEMU needs at least 128 KiB too. Use <size unit='KiB'>128</size>.`,
        fixes,
      });
    }
  },
};
