import type { LibvirtRule } from './types';
import { cellsKiB, devicesKiB, fmtKiB } from './common';

/** PP2: boot memory (total minus devices, or the NUMA cells) must not be 0. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-memory-size-missing',
    severity: 'error',
    category: 'libvirt',
    title: 'No boot memory left: <memory> missing, 0, or all taken by devices',
    upstreamMessage: 'XML error: Memory size must be specified via <memory> or in the <numa> configuration',
  },
  check(ctx) {
    const { domain } = ctx;
    if (cellsKiB(domain) > 0n) return;
    if (domain.memory?.size.error) return;
    const total = domain.memory?.size.kib ?? 0n;
    const devs = devicesKiB(domain);
    if (devs > total) return; // libvirt-devices-exceed-memory
    if (total - devs > 0n) return;
    ctx.report({
      span: domain.memory?.size.number?.span ?? domain.memory?.element.nameSpan ?? domain.element.nameSpan,
      message: devs > 0n
        ? `libvirt refuses the domain: the memory devices (${fmtKiB(devs)}) take all of <memory>, leaving no boot RAM ("XML error: Memory size must be specified via <memory> or in the <numa> configuration"). <memory> is boot RAM plus the devices: raise it.`
        : `libvirt refuses the domain: it has no memory ("XML error: Memory size must be specified via <memory> or in the <numa> configuration"). Add <memory unit='GiB'>...</memory> or NUMA cells with memory='...'.`,
    });
  },
};
