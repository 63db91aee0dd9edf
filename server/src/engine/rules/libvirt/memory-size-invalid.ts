import type { LibvirtRule } from './types';
import type { ScaledValue } from '../../xml/types';

/**
 * Sizes libvirt cannot parse (virDomainParseScaledValue): not a number,
 * an unknown unit, or too large. Only the sizes libvirt reads for the
 * element's model are checked (an alignsize on virtio-pmem is never read).
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-memory-size-invalid',
    severity: 'error',
    category: 'libvirt',
    title: 'Memory size libvirt cannot parse (number, unit or overflow)',
    upstreamMessage: "XML error: Invalid value 'abc' for element or attribute './size'",
  },
  check(ctx) {
    const { domain } = ctx;
    const check = (v: ScaledValue | undefined, what: string) => {
      if (!v?.error) return;
      ctx.report({
        span: v.error.span,
        message: `libvirt refuses the domain: ${what} is not a valid size ("${v.error.message}"). Write a non-negative integer and a unit such as KiB, MiB or GiB.`,
      });
    };
    check(domain.memory?.size, '<memory>');
    check(domain.maxMemory?.size, '<maxMemory>');
    check(domain.currentMemory?.size, '<currentMemory>');
    for (const c of domain.cpu?.numa?.cells ?? []) check(c.memory, "the NUMA cell's memory");
    for (const dev of domain.memoryDevices) {
      const m = dev.model?.text;
      check(dev.target?.size, '<target><size>');
      if (m === 'nvdimm') {
        check(dev.target?.label?.size, '<label><size>');
        check(dev.source?.alignsize, '<source><alignsize>');
      }
      if (m === 'dimm' || m === 'virtio-mem') check(dev.source?.pagesize, '<source><pagesize>');
      if (m === 'virtio-mem') {
        check(dev.target?.block, '<target><block>');
        check(dev.target?.requested, '<target><requested>');
      }
    }
  },
};
