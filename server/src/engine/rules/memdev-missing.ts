import type { Rule } from './types';
import { PMEM_DRIVERS } from '../model/query';

/** nvdimm, virtio-pmem-pci and pc-dimm need memdev=. */
export const rule: Rule = {
  meta: {
    code: 'memdev-missing',
    severity: 'error',
    category: 'nvdimm',
    title: 'Memory device without memdev',
    upstreamMessage: "'memdev' property must be set",
  },
  check(ctx) {
    for (const d of ctx.vm.devices) {
      if (!d.driver || !(PMEM_DRIVERS.has(d.driver) || d.driver === 'pc-dimm')) continue;
      if (d.props.has('memdev')) continue;
      ctx.report({
        span: d.props.get('driver')?.span ?? d.argSpan,
        message: `QEMU refuses ${d.driver} without a backend ("'memdev' property must be set"). Add memdev=<id of a -object memory-backend-file>.`,
      });
    }
  },
};
