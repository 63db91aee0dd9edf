import type { Rule } from './types';
import { backendOf, propBool } from '../model/query';

/** virtio-pmem on a readonly=on backend: accepted with no unarmed-style flag; the guest thinks it can write. */
export const rule: Rule = {
  meta: {
    code: 'virtio-pmem-readonly',
    severity: 'warning',
    category: 'persistence',
    title: 'virtio-pmem on a read-only backend',
  },
  check(ctx) {
    const { vm } = ctx;
    for (const d of vm.devices) {
      if (d.driver !== 'virtio-pmem-pci') continue;
      const be = backendOf(vm, d);
      const ro = be?.props.get('readonly');
      if (!be || propBool(ro) !== true) continue;
      ctx.report({
        span: ro!.span,
        message: `virtio-pmem${d.id ? ` '${d.id}'` : ''} uses read-only backend '${be.id}', and virtio-pmem cannot tell the guest so (there is no unarmed=on): QEMU accepts it, the guest mounts it writable, and its writes never reach the file. Use a writable backend, or an NVDIMM with unarmed=on.`,
        related: [{ span: d.props.get('memdev')?.span ?? d.argSpan, message: 'virtio-pmem device' }],
      });
    }
  },
};
