import type { Rule } from './types';
import { headSpan } from './common';

/** -object needs id; memory backends need size; file backends need mem-path. */
export const rule: Rule = {
  meta: {
    code: 'required-property',
    severity: 'error',
    category: 'backend',
    title: 'Memory backend without id, size or mem-path',
    upstreamMessage: "Parameter 'size' is missing",
  },
  check(ctx) {
    for (const o of ctx.vm.objects) {
      if (!o.qomType || !o.qomType.startsWith('memory-backend-') || !o.option.arg) continue;
      if (o.parsed.errors.length) continue;
      if (o.props.get('qom-type')?.unknown) continue;
      const need = ['id', 'size', ...(o.qomType === 'memory-backend-file' ? ['mem-path'] : [])];
      // An unresolved expansion may hide the key: judge only fully known options.
      if (o.entries.some((e) => e.unknown)) continue;
      for (const key of need) {
        if (o.props.has(key)) continue;
        const hint =
          key === 'id'
            ? 'Add id=<name> so a device can refer to it with memdev=.'
            : key === 'size'
              ? 'Add size=, e.g. size=1G.'
              : 'Add mem-path=<file that holds the memory>.';
        ctx.report({
          span: headSpan(o),
          message: `QEMU refuses ${o.qomType} without ${key}= ("Parameter '${key}' is missing"). ${hint}`,
        });
      }
    }
  },
};
