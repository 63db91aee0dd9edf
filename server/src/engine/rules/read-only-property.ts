import type { Rule } from './types';
import { propertyNamed } from '../kb';
import { allInstances, typeInfoFor } from './common';

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
    for (const inst of allInstances(ctx.vm)) {
      if (inst.option.name !== 'device') continue;
      const info = typeInfoFor(ctx.vm, inst);
      if (!info) continue;
      for (const p of inst.entries) {
        const prop = propertyNamed(info, p.key);
        if (!prop?.readOnly) continue;
        ctx.report({
          span: p.keySpan,
          message: `QEMU refuses ${p.key}= on ${info.name} ("Property '${info.name}.${p.key}' is not writable"): QEMU computes it${info.name === 'nvdimm' ? ' from the backend size minus label-size' : ''}. Set the size on the memory backend instead.`,
          fixes: [{ title: `Remove ${p.key}=`, edits: [{ span: removalSpan(ctx.text, p.entrySpan), newText: '' }], safe: false }],
        });
      }
    }
  },
};

/** The entry plus the comma before it (or after it, for the first entry). */
function removalSpan(text: string, s: { start: number; end: number }) {
  if (text[s.start - 1] === ',') return { start: s.start - 1, end: s.end };
  if (text[s.end] === ',') return { start: s.start, end: s.end + 1 };
  return s;
}
