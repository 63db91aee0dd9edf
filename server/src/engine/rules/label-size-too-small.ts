import type { Rule } from './types';
import { propSize } from '../model/query';
import { setValue } from './edits';
import { hex } from './common';

const MIN_LABEL = 128 * 1024;

/** An NVDIMM label area must be at least 128 KiB (an explicit 0 fails too). */
export const rule: Rule = {
  meta: {
    code: 'label-size-too-small',
    severity: 'error',
    category: 'nvdimm',
    title: 'NVDIMM label-size below 128 KiB',
    upstreamMessage: "Property 'nvdimm.label-size' (0x10000) is required at least 0x20000",
  },
  check(ctx) {
    for (const d of ctx.vm.devices) {
      if (d.driver !== 'nvdimm') continue;
      const p = d.props.get('label-size');
      const size = propSize(p);
      if (!p || size === undefined || size >= MIN_LABEL) continue;
      ctx.report({
        span: p.span,
        message: `QEMU refuses label-size ${p.raw}: an NVDIMM label area must be at least 128K ("Property 'nvdimm.label-size' (${hex(size)}) is required at least 0x20000"). Use label-size=128K, or drop label-size for no labels.`,
        fixes: [{ title: 'Raise label-size to 128K', edits: [setValue(d, p, '128K', '131072')], safe: true }],
      });
    }
  },
};
