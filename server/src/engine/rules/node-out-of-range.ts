import type { Rule } from './types';
import { numaNodeCount, propInt } from '../model/query';

/** A DIMM's node= must name an existing NUMA node (1 implicit node without -numa). */
export const rule: Rule = {
  meta: {
    code: 'node-out-of-range',
    severity: 'error',
    category: 'nvdimm',
    title: 'NVDIMM node= beyond the NUMA nodes',
    upstreamMessage: "'DIMM property node has value 1' which exceeds the number of numa nodes: 1",
  },
  check(ctx) {
    const { vm } = ctx;
    const nodes = numaNodeCount(vm);
    for (const d of vm.devices) {
      if (d.driver !== 'nvdimm' && d.driver !== 'pc-dimm') continue;
      const p = d.props.get('node');
      const n = propInt(p);
      if (!p || n === undefined || n < nodes) continue;
      ctx.report({
        span: p.span,
        message: `QEMU refuses node=${p.raw}: the guest has ${nodes} NUMA node${nodes === 1 ? '' : 's'} (numbered from 0)${vm.numa.length ? '' : ', the implicit one, as there is no -numa node'} ("'DIMM property node has value ${n}' which exceeds the number of numa nodes: ${nodes}"). Use node=${nodes - 1} or add -numa node options.`,
      });
    }
  },
};
