import type { Rule } from './types';
import { backendOf, propBool } from '../model/query';
import { setProp } from './edits';

/** A read-only backend (readonly=on, which is ROM in 7.2) needs unarmed=on on the NVDIMM. */
export const rule: Rule = {
  meta: {
    code: 'readonly-needs-unarmed',
    severity: 'error',
    category: 'nvdimm',
    title: 'Read-only backend behind an NVDIMM without unarmed=on',
    upstreamMessage: "'unarmed' property must be 'on' since memdev mem1 is read-only",
  },
  check(ctx) {
    const { vm } = ctx;
    for (const d of vm.devices) {
      if (d.driver !== 'nvdimm') continue;
      const be = backendOf(vm, d);
      if (!be || propBool(be.props.get('readonly')) !== true) continue;
      const u = d.props.get('unarmed');
      if (u?.unknown || propBool(u) === true) continue;
      const edit = setProp(d, 'unarmed', 'on', 'true');
      ctx.report({
        span: u ? u.span : d.props.get('memdev')?.span ?? d.argSpan,
        message: `QEMU refuses this NVDIMM: backend '${be.id}' is read-only, so the device must be unarmed ("'unarmed' property must be 'on' since memdev ${be.id} is read-only"). Add unarmed=on.`,
        fixes: edit ? [{ title: 'Set unarmed=on', edits: [edit], safe: true }] : [],
      });
    }
  },
};
