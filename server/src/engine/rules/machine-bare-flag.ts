import type { Rule } from './types';

/** keyval (-machine) has no short-form booleans: `-M pc,nvdimm` is refused. */
export const rule: Rule = {
  meta: {
    code: 'machine-bare-flag',
    severity: 'error',
    category: 'syntax',
    title: 'Bare flag in -machine (keyval has no short-form booleans)',
    upstreamMessage: "Expected '=' after parameter 'nvdimm'",
  },
  check(ctx) {
    for (const m of ctx.vm.machines) {
      for (const err of m.parsed.errors) {
        const match = /^Expected '=' after parameter '([^']*)'/.exec(err.message);
        if (!match) continue;
        const name = match[1];
        const span = m.mapRange(err.from, err.to);
        const isBool = name === 'nvdimm' || name === 'acpi' || name === 'usb' || name === 'hmat' || name === 'cxl';
        ctx.report({
          span,
          message: `QEMU refuses "${name}" without a value: -machine takes no short-form booleans ("Expected '=' after parameter '${name}'"). Write ${name}=on.`,
          fixes: isBool ? [{ title: `Write ${name}=on`, edits: [{ span, newText: `${name}=on` }], safe: true }] : [],
        });
      }
    }
  },
};
