import type { Rule } from './types';
import { backendOf, propBool, propString } from '../model/query';

/** virtio-pmem on a real NVDIMM / device-DAX backend: not supported (the guest's flushes do not reach it). */
export const rule: Rule = {
  meta: {
    code: 'virtio-pmem-dax-backend',
    severity: 'warning',
    category: 'persistence',
    title: 'virtio-pmem backed by a real NVDIMM or DAX device',
  },
  check(ctx) {
    const { vm } = ctx;
    for (const d of vm.devices) {
      if (d.driver !== 'virtio-pmem-pci') continue;
      const be = backendOf(vm, d);
      if (!be || be.qomType !== 'memory-backend-file') continue;
      const pmem = propBool(be.props.get('pmem')) === true;
      const path = propString(be.props.get('mem-path')) ?? '';
      const dax = /^\/dev\/(dax|pmem)\d/.test(path);
      if (!pmem && !dax) continue;
      const where = pmem ? be.props.get('pmem')! : be.props.get('mem-path')!;
      ctx.report({
        span: where.span,
        message: `virtio-pmem on ${pmem ? 'a pmem=on backend' : path} is not supported by QEMU ("Real nvdimm device backend is not supported", docs/system/devices/virtio-pmem.rst): the guest flushes through a host fsync, which does not make a real NVDIMM or device-DAX mapping durable, so writes can be lost on a host crash. QEMU does not check this. Use -device nvdimm for a real NVDIMM, or put virtio-pmem on a regular file.`,
        related: [{ span: d.props.get('memdev')?.span ?? d.argSpan, message: 'virtio-pmem device' }],
      });
    }
  },
};
