import type { Rule } from './types';
import { propString } from '../model/query';

/** policy=bind|preferred|interleave needs host-nodes; policy=default must not have them. */
export const rule: Rule = {
  meta: {
    code: 'policy-host-nodes',
    severity: 'error',
    category: 'backend',
    title: 'NUMA policy and host-nodes do not go together',
    upstreamMessage: 'host-nodes must be set for policy bind',
  },
  check(ctx) {
    for (const o of ctx.vm.objects) {
      if (!o.qomType?.startsWith('memory-backend-')) continue;
      const pol = o.props.get('policy');
      const nodes = o.props.get('host-nodes');
      if (pol?.unknown || nodes?.unknown) continue;
      const policy = propString(pol) ?? 'default';
      if (policy !== 'default' && !nodes && pol) {
        ctx.report({
          span: pol.span,
          message: `QEMU refuses policy=${policy} without host-nodes ("host-nodes must be set for policy ${policy}"). Add host-nodes=<host NUMA nodes>, e.g. host-nodes=0.`,
        });
      } else if (policy === 'default' && nodes) {
        ctx.report({
          span: nodes.keySpan,
          message: `QEMU refuses host-nodes without a policy ("host-nodes must be empty for policy default, or you should explicitly specify a policy other than default"). Add policy=bind (or preferred, interleave).`,
        });
      }
    }
  },
};
