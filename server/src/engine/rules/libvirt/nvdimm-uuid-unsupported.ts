import type { LibvirtRule } from './types';
import { isPpc64, removeElement } from './common';
import { firstChild } from '../../xml/parse';
import { isLibvirtUuid } from './nvdimm-uuid-malformed';

/** V6: only pseries nvdimms take a <uuid>. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-nvdimm-uuid-unsupported',
    severity: 'error',
    category: 'libvirt',
    title: 'nvdimm <uuid> on a non-ppc64 guest',
    upstreamMessage: 'unsupported configuration: UUID is not supported for NVDIMM device',
  },
  check(ctx) {
    const { domain, text } = ctx;
    if (isPpc64(domain)) return;
    for (const dev of domain.memoryDevices) {
      if (dev.model?.text !== 'nvdimm' || !dev.uuid || dev.uuid.text === '' || !isLibvirtUuid(dev.uuid.text)) continue;
      const el = firstChild(dev.element, 'uuid')!;
      ctx.report({
        span: dev.uuid.span,
        message: `libvirt refuses this nvdimm: a <uuid> is only for pseries (ppc64) guests ("unsupported configuration: UUID is not supported for NVDIMM device"). Remove the <uuid>.`,
        fixes: [{ title: 'Remove <uuid>', edits: [removeElement(text, el)], safe: true }],
      });
    }
  },
};
