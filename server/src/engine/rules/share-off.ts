import type { Rule } from './types';
import { PMEM_DRIVERS, backendOf, backendShare, propBool } from '../model/query';
import { setProp } from './edits';

/**
 * A file backend behind nvdimm or virtio-pmem with share=off (the default):
 * QEMU maps the file MAP_PRIVATE, so guest writes never reach it.
 */
export const rule: Rule = {
  meta: {
    code: 'share-off',
    severity: 'warning',
    category: 'persistence',
    title: 'Persistent-memory backend with share=off: guest writes never reach the file',
  },
  check(ctx) {
    const { vm } = ctx;
    const seen = new Set<unknown>();
    for (const d of vm.devices) {
      if (!d.driver || !PMEM_DRIVERS.has(d.driver)) continue;
      const be = backendOf(vm, d);
      if (!be || be.qomType !== 'memory-backend-file' || seen.has(be)) continue;
      seen.add(be);
      const p = be.props.get('share');
      if (p?.unknown) continue;
      if (backendShare(be) !== false) continue;
      // A read-only backend takes no guest writes at all; nothing is lost.
      if (propBool(be.props.get('readonly')) === true) continue;
      const edit = setProp(be, 'share', 'on', 'true');
      const pmem = propBool(be.props.get('pmem')) === true;
      ctx.report({
        span: p ? p.span : be.props.get('qom-type')?.span ?? be.argSpan,
        message: `Guest writes to ${d.driver}${d.id ? ` '${d.id}'` : ''} are lost: backend '${be.id}' has ${p ? 'share=off' : 'no share= (default off)'}, so QEMU maps the file privately and nothing the guest writes reaches it. QEMU starts without a warning${pmem ? ' (and pmem=on is silently ignored: MAP_SYNC is only tried on a shared mapping)' : ''}. Set share=on.`,
        related: [{ span: d.props.get('memdev')?.span ?? d.argSpan, message: `used by ${d.driver}` }],
        fixes: edit ? [{ title: 'Set share=on', edits: [edit], safe: true }] : [],
      });
    }
  },
};
