import type { LibvirtRule } from './types';

/** V3/V7: nvdimm and virtio-pmem need <source><path> (the backing file). */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-memory-path-required',
    severity: 'error',
    category: 'libvirt',
    title: 'nvdimm or virtio-pmem without <source><path>',
    upstreamMessage: "path is required for model 'nvdimm'",
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      const m = dev.model?.text;
      if (m !== 'nvdimm' && m !== 'virtio-pmem') continue;
      const path = dev.source?.path;
      if (path && path.text !== '') continue;
      const other = m === 'nvdimm' ? dev.source?.pagesize ?? dev.source?.nodemask : undefined;
      ctx.report({
        span: path ? path.nodeSpan : dev.source?.element.nameSpan ?? dev.element.nameSpan,
        message: `libvirt refuses this ${m} device: it has no backing file ("path is required for model '${m}'"). Add <source><path>/absolute/path/to/file</path></source>${other ? '; <pagesize>/<nodemask> are for dimm devices and are ignored here' : ''}.`,
      });
    }
  },
};
