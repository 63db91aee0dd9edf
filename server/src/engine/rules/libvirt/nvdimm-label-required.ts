import type { LibvirtRule } from './types';
import { insertChild, indentUnit, isPpc64 } from './common';

/** V5: on ppc64 (pseries) an nvdimm needs a label. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-nvdimm-label-required',
    severity: 'error',
    category: 'libvirt',
    title: 'ppc64 nvdimm without <label><size>',
    upstreamMessage: 'unsupported configuration: label size is required for NVDIMM device',
  },
  check(ctx) {
    const { domain, text } = ctx;
    if (!isPpc64(domain)) return;
    for (const dev of domain.memoryDevices) {
      if (dev.model?.text !== 'nvdimm' || !dev.target) continue;
      if ((dev.target.label?.size?.kib ?? 0n) > 0n) continue;
      const unit = indentUnit(text, domain);
      const fixes = dev.target.label
        ? []
        : [{
            title: 'Add a 128 KiB label',
            edits: [insertChild(text, dev.target.element, ['<label>', `${unit}<size unit='KiB'>128</size>`, '</label>'], unit)],
            safe: true,
          }];
      ctx.report({
        span: dev.target.label?.element.nameSpan ?? dev.target.element.nameSpan,
        message: `libvirt refuses this nvdimm on a pseries guest: it has no label ("unsupported configuration: label size is required for NVDIMM device"). Add <label><size unit='KiB'>128</size></label> to <target>.`,
        fixes,
      });
    }
  },
};
