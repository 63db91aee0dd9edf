import type { Rule } from './types';
import { backendOf } from '../model/query';

/** spapr-nvdimm needs a memory-backend-file. */
export const rule: Rule = {
  meta: {
    code: 'spapr-nvdimm-backend',
    severity: 'error',
    category: 'nvdimm',
    title: 'spapr-nvdimm on a backend that is not memory-backend-file',
    upstreamMessage: 'spapr-nvdimm device requires the memdev mem1 to be of memory-backend-file type',
  },
  check(ctx) {
    const { vm } = ctx;
    for (const d of vm.devices) {
      if (d.driver !== 'spapr-nvdimm') continue;
      const be = backendOf(vm, d);
      if (!be || !be.qomType || be.qomType === 'memory-backend-file') continue;
      ctx.report({
        span: d.props.get('memdev')!.span,
        message: `QEMU refuses spapr-nvdimm on ${be.qomType} '${be.id}' ("spapr-nvdimm device requires the memdev ${be.id} to be of memory-backend-file type"). Use a memory-backend-file.`,
      });
    }
  },
};
