import type { LibvirtRule } from './types';

/**
 * The schema wants an absolute <source><path>, but libvirt 9.0.0 accepts a
 * relative one and passes it to QEMU as mem-path, which QEMU resolves
 * against its own working directory (not the XML file's).
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-relative-path',
    severity: 'warning',
    category: 'libvirt',
    title: 'Relative backing file path',
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      const m = dev.model?.text;
      if (m !== 'nvdimm' && m !== 'virtio-pmem') continue;
      const p = dev.source?.path;
      if (!p || p.text === '' || p.text.startsWith('/')) continue;
      ctx.report({
        span: p.span,
        message: `'${p.text}' is not an absolute path. libvirt accepts it (the schema would not) and passes it to QEMU as mem-path, which opens it relative to QEMU's working directory (/ for the system daemon), not to this file: the guest may get a new, empty file. Use an absolute path.`,
      });
    }
  },
};
