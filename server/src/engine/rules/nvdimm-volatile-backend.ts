import type { Rule } from './types';
import { backendOf } from '../model/query';

/** memory-backend-ram/-memfd behind an NVDIMM: accepted, but nothing persists. */
export const rule: Rule = {
  meta: {
    code: 'nvdimm-volatile-backend',
    severity: 'warning',
    category: 'persistence',
    title: 'NVDIMM or virtio-pmem backed by RAM or memfd: nothing persists',
  },
  check(ctx) {
    const { vm } = ctx;
    for (const d of vm.devices) {
      if (d.driver !== 'nvdimm' && d.driver !== 'virtio-pmem-pci') continue;
      const be = backendOf(vm, d);
      if (!be || (be.qomType !== 'memory-backend-ram' && be.qomType !== 'memory-backend-memfd')) continue;
      ctx.report({
        span: d.props.get('memdev')?.span ?? d.argSpan,
        message: `${d.driver === 'nvdimm' ? 'NVDIMM' : 'virtio-pmem'}${d.id ? ` '${d.id}'` : ''} is backed by ${be.qomType} '${be.id}': the guest sees persistent memory, but everything it writes there is lost when QEMU exits (there is no file). QEMU starts without a warning. Use memory-backend-file with mem-path=... and share=on${d.driver === 'nvdimm' ? ', or set unarmed=on to tell the guest it is not persistent' : ''}.`,
        related: [{ span: be.props.get('qom-type')?.span ?? be.argSpan, message: `'${be.id}' is ${be.qomType}` }],
      });
    }
  },
};
