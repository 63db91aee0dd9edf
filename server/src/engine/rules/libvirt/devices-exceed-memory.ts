import type { LibvirtRule } from './types';
import { cellsKiB, devicesKiB, fmtKiB } from './common';

/**
 * PP1: without NUMA cell sizes, <memory> is the total (boot RAM plus every
 * memory device), so the devices cannot add up to more than it.
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-devices-exceed-memory',
    severity: 'error',
    category: 'libvirt',
    title: 'Memory devices larger than <memory>',
    upstreamMessage: 'XML error: Total size of memory devices exceeds the total memory size',
  },
  check(ctx) {
    const { domain } = ctx;
    if (cellsKiB(domain) > 0n || !domain.memoryDevices.length) return;
    const total = domain.memory?.size.kib ?? 0n;
    const devs = devicesKiB(domain);
    if (devs <= total) return;
    ctx.report({
      span: domain.memory?.size.number?.span ?? domain.memory?.element.nameSpan ?? domain.element.nameSpan,
      message: `libvirt refuses the domain: the memory devices add up to ${fmtKiB(devs)} but <memory> is ${fmtKiB(total)} ("XML error: Total size of memory devices exceeds the total memory size"). <memory> counts boot RAM plus all devices: raise it to at least ${fmtKiB(devs)} plus the boot RAM.`,
    });
  },
};
