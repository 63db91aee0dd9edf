import type { LibvirtRule } from './types';
import { fmtKiB } from './common';

/**
 * P5: the nvdimm label is carved out of the device, so it must be smaller
 * than <target><size>. Also fires for size 0 without a label (0 >= 0).
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-label-too-large',
    severity: 'error',
    category: 'libvirt',
    title: 'nvdimm label not smaller than the device size',
    upstreamMessage: 'XML error: label size must be smaller than NVDIMM size',
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      if (dev.model?.text !== 'nvdimm') continue;
      const size = dev.target?.size;
      if (size?.kib === undefined) continue;
      const label = dev.target?.label?.size;
      const labelKiB = label?.kib ?? 0n;
      if (labelKiB < size.kib) continue;
      const onLabel = labelKiB > 0n && label;
      ctx.report({
        span: onLabel ? label.number?.span ?? label.span : size.number?.span ?? size.span,
        message: onLabel
          ? `libvirt refuses this nvdimm: its label (${fmtKiB(labelKiB)}) is not smaller than the device (${fmtKiB(size.kib)}) ("XML error: label size must be smaller than NVDIMM size"). The label is carved out of <target><size>: make the size larger or the label smaller (128 KiB is usual).`
          : `libvirt refuses this nvdimm: its size is 0 ("XML error: label size must be smaller than NVDIMM size"). Give <target><size> the size of the backing file.`,
      });
    }
  },
};
