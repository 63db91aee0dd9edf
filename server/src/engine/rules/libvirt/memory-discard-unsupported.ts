import type { LibvirtRule } from './types';
import { removeAttribute } from './common';

/** V4/V8: discard='yes' is refused on nvdimm and virtio-pmem (the file is the data). */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-memory-discard-unsupported',
    severity: 'error',
    category: 'libvirt',
    title: "discard='yes' on nvdimm or virtio-pmem",
    upstreamMessage: 'unsupported configuration: discard is not supported for nvdimms',
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      const m = dev.model?.text;
      if ((m !== 'nvdimm' && m !== 'virtio-pmem') || dev.discard?.text !== 'yes') continue;
      const msg = m === 'nvdimm' ? 'unsupported configuration: discard is not supported for nvdimms' : "unsupported configuration: discard is not supported for model 'virtio-pmem'";
      const edit = removeAttribute(ctx.text, dev.element, 'discard');
      ctx.report({
        span: dev.discard.span,
        message: `libvirt refuses this ${m} device ("${msg}"): discarding would throw away the persistent data in the backing file. Remove discard='yes'.`,
        fixes: edit ? [{ title: "Remove discard='yes'", edits: [edit], safe: true }] : [],
      });
    }
  },
};
