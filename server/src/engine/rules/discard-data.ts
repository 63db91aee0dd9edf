import type { Rule } from './types';
import { pmemUsers, propBool } from '../model/query';
import { setValue } from './edits';

/** discard-data=on behind a persistent-memory device: QEMU throws the file contents away at exit. */
export const rule: Rule = {
  meta: {
    code: 'discard-data',
    severity: 'warning',
    category: 'persistence',
    title: 'discard-data=on: the file contents are discarded when QEMU exits',
  },
  check(ctx) {
    const { vm } = ctx;
    for (const o of vm.objects) {
      if (o.qomType !== 'memory-backend-file') continue;
      const p = o.props.get('discard-data');
      if (propBool(p) !== true) continue;
      const users = pmemUsers(vm, o);
      if (!users.length) continue;
      const d = users[0];
      ctx.report({
        span: p!.entry.bare ? p!.entrySpan : p!.span,
        message: `Everything the guest writes to ${d.driver}${d.id ? ` '${d.id}'` : ''} is lost: backend '${o.id}' has discard-data=on, so QEMU punches the file's pages out (MADV_REMOVE) when it exits, leaving zeros. QEMU starts without a warning. Remove discard-data=on to keep the data.`,
        related: [{ span: d.props.get('memdev')?.span ?? d.argSpan, message: `used by ${d.driver}` }],
        fixes: [{ title: 'Set discard-data=off', edits: [setValue(o, p!, 'off', 'false')], safe: false }],
      });
    }
  },
};
