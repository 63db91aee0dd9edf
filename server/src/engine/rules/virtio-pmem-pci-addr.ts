import type { Rule } from './types';
import { propString } from '../model/query';

/** virtio-pmem-pci addr= is the PCI slot.function; the guest address is memaddr=. */
export const rule: Rule = {
  meta: {
    code: 'virtio-pmem-pci-addr',
    severity: 'error',
    category: 'virtio-pmem',
    title: 'virtio-pmem-pci addr= used as a guest-physical address',
    upstreamMessage: "Property 'virtio-pmem-pci.addr' doesn't take value '0x100001000'",
  },
  check(ctx) {
    for (const d of ctx.vm.devices) {
      if (d.driver !== 'virtio-pmem-pci') continue;
      const p = d.props.get('addr');
      const v = propString(p);
      if (!p || v === undefined) continue;
      const m = /^(?:0x)?([0-9a-f]+)(?:\.([0-9a-f]+))?$/i.exec(v.trim());
      const slot = m ? Number.parseInt(m[1], 16) : NaN;
      const fn = m?.[2] !== undefined ? Number.parseInt(m[2], 16) : 0;
      if (m && slot <= 0x1f && fn <= 7) continue;
      const big = m && !m[2] && /^0x/i.test(v.trim()) && slot >= 2 ** 32;
      const upstream = big
        ? 'PCI: slot 0 function 0 not available for virtio-pmem-pci, in use by ...'
        : `Property 'virtio-pmem-pci.addr' doesn't take value '${v}'`;
      const fix = ctx.text.slice(p.keySpan.start, p.keySpan.end) === 'addr' && m && !m[2] && d.parsed.syntax !== 'json';
      ctx.report({
        span: p.span,
        message: `QEMU refuses addr=${v} on virtio-pmem-pci: addr= is the PCI slot[.function] (slot up to 0x1f, function up to 7) ("${upstream}"). The guest-physical address of the memory is memaddr=.`,
        fixes: fix ? [{ title: 'Use memaddr= instead', edits: [{ span: p.keySpan, newText: 'memaddr' }], safe: false }] : [],
      });
    }
  },
};
