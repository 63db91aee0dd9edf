import type { LibvirtRule } from './types';
import { fmtKiB, isPpc64 } from './common';

/** Q12: on pseries, an nvdimm's guest area (size minus label) must be at least 256 MiB. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-nvdimm-too-small-ppc64',
    severity: 'error',
    category: 'libvirt',
    title: 'pseries nvdimm smaller than 256 MiB plus its label',
    upstreamMessage: 'XML error: minimum target size for the NVDIMM must be 256MB plus the label size',
  },
  check(ctx) {
    const { domain } = ctx;
    if (!isPpc64(domain)) return;
    for (const dev of domain.memoryDevices) {
      if (dev.model?.text !== 'nvdimm') continue;
      const size = dev.target?.size;
      const label = dev.target?.label?.size?.kib ?? 0n;
      if (size?.kib === undefined || label >= size.kib) continue; // libvirt-label-too-large
      if (size.kib - label >= 262144n) continue;
      ctx.report({
        span: size.number?.span ?? size.span,
        message: `libvirt refuses this nvdimm on a pseries guest: ${fmtKiB(size.kib)} minus the ${fmtKiB(label)} label leaves less than 256 MiB ("XML error: minimum target size for the NVDIMM must be 256MB plus the label size"). Use at least ${fmtKiB(262144n + label)}.`,
      });
    }
  },
};
