import type { Rule } from './types';
import { typedEntries } from './common';

const INT = /^\s*[+-]?(0x[0-9a-f]+|\d+)\s*$/i;

/** Integer values QEMU cannot read (-m slots=abc, nvdimm slot=/node=/addr=). */
export const rule: Rule = {
  meta: {
    code: 'invalid-number',
    severity: 'error',
    category: 'syntax',
    title: 'Malformed integer value',
    upstreamMessage: "Parameter 'slots' expects a number",
  },
  check(ctx) {
    for (const { inst, p, prop } of typedEntries(ctx.vm)) {
      if (inst.option.name !== 'm' && inst.option.name !== 'device') continue;
      if (p.unknown || p.entry.bare || (prop.type !== 'int' && prop.type !== 'uint')) continue;
      if (inst.parsed.syntax === 'json') {
        if (p.entry.jsonType === 'number' && /^-?\d+$/.test(p.raw)) continue;
        if (p.entry.jsonType === 'string' && INT.test(String(p.entry.jsonValue))) continue; // 7.2 -device JSON goes through QemuOpts
      } else if (INT.test(p.raw)) continue;
      const upstream = inst.option.name === 'm' ? `Parameter '${p.key}' expects a number` : `Parameter '${p.key}' expects integer`;
      ctx.report({
        span: p.span,
        message: `QEMU cannot read ${p.key}=${p.raw} ("${upstream}"): write a decimal number${prop.type === 'uint' && p.key !== 'slots' ? ' or 0x hex' : ''}.`,
      });
    }
  },
};
