import type { Rule } from './types';
import { removalSpan, typedEntries } from './common';

/** Properties QEMU computes (nvdimm size) cannot be set. */
export const rule: Rule = {
  meta: {
    code: 'read-only-property',
    severity: 'error',
    category: 'syntax',
    title: 'Setting a read-only property',
    upstreamMessage: "Property 'nvdimm.size' is not writable",
  },
  check(ctx) {
    for (const { inst, info, p, prop } of typedEntries(ctx.vm)) {
      if (inst.option.name !== 'device' || !prop.readOnly) continue;
      ctx.report({
        span: p.keySpan,
        message: `QEMU refuses ${p.key}= on ${info.name} ("Property '${info.name}.${p.key}' is not writable"): QEMU computes it${info.name === 'nvdimm' ? ' from the backend size minus label-size' : ''}. Set the size on the memory backend instead.`,
        fixes: [{ title: `Remove ${p.key}=`, edits: [{ span: removalSpan(ctx.text, p.entrySpan), newText: '' }], safe: false }],
      });
    }
  },
};
