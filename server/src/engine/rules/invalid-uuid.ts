import type { Rule } from './types';
import { propString } from '../model/query';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** nvdimm uuid= must be a UUID (8-4-4-4-12 hex digits). */
export const rule: Rule = {
  meta: {
    code: 'invalid-uuid',
    severity: 'error',
    category: 'nvdimm',
    title: 'Malformed NVDIMM uuid',
    upstreamMessage: "Property 'nvdimm.uuid' has invalid value",
  },
  check(ctx) {
    for (const d of ctx.vm.devices) {
      if (d.driver !== 'nvdimm' && d.driver !== 'spapr-nvdimm') continue;
      const p = d.props.get('uuid');
      const v = propString(p);
      if (!p || v === undefined || UUID.test(v)) continue;
      ctx.report({
        span: p.span,
        message: `QEMU refuses uuid=${p.raw} ("Property '${d.driver}.uuid' has invalid value"): write 32 hex digits as 8-4-4-4-12, e.g. 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 (uuidgen prints one).`,
      });
    }
  },
};
