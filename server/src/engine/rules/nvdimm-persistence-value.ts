import type { Rule } from './types';

const VALUES = ['cpu', 'mem-ctrl'];

/** -machine nvdimm-persistence takes cpu or mem-ctrl (case-sensitive). */
export const rule: Rule = {
  meta: {
    code: 'nvdimm-persistence-value',
    severity: 'error',
    category: 'machine',
    title: 'nvdimm-persistence is not cpu or mem-ctrl',
    upstreamMessage: '-machine nvdimm-persistence=cache: unsupported option',
  },
  check(ctx) {
    for (const m of ctx.vm.machines) {
      for (const p of m.entries) {
        if (p.key !== 'nvdimm-persistence' || p.unknown || VALUES.includes(p.raw)) continue;
        const lower = p.raw.toLowerCase();
        const close = VALUES.find((v) => v === lower || (lower.length > 0 && v.startsWith(lower)));
        ctx.report({
          span: p.span,
          message: `QEMU refuses nvdimm-persistence=${p.raw} ("-machine nvdimm-persistence=${p.raw}: unsupported option"): the values are cpu (CPU caches are flushed on power loss) and mem-ctrl (only the memory controller is).`,
          fixes: VALUES.map((v) => ({ title: `Use nvdimm-persistence=${v}`, edits: [{ span: p.span, newText: v }], safe: v === close })),
        });
      }
    }
  },
};
