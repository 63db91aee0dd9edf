import type { Rule } from './types';
import { backendShare, propBool, propString } from '../model/query';

/** pmem=on asks for MAP_SYNC; on a file that is not on a DAX filesystem QEMU warns and goes on. */
export const rule: Rule = {
  meta: {
    code: 'pmem-non-dax',
    severity: 'information',
    category: 'backend',
    title: 'pmem=on on a file that is not on a DAX filesystem',
    upstreamMessage: "warning: Using non DAX backing file with 'pmem=on' option is deprecated",
  },
  check(ctx) {
    for (const o of ctx.vm.objects) {
      if (o.qomType !== 'memory-backend-file') continue;
      const p = o.props.get('pmem');
      if (propBool(p) !== true) continue;
      // With share=off QEMU never attempts MAP_SYNC (share-off reports that).
      if (backendShare(o) === false) continue;
      const path = propString(o.props.get('mem-path')) ?? '';
      if (/^\/dev\/dax\d/.test(path)) continue;
      const tmpfs = /^\/(dev\/shm|tmp|run)\//.test(path);
      ctx.report({
        span: p!.entry.bare ? p!.entrySpan : p!.span,
        severity: tmpfs ? 'warning' : 'information',
        message: `pmem=on promises the guest crash-consistent persistence, which needs ${path || 'the file'} on a DAX filesystem (ext4/xfs mounted -o dax on real persistent memory)${tmpfs ? `; ${path.split('/').slice(0, 3).join('/')} never is` : ''}. Otherwise QEMU prints "requesting persistence across crashes for backend file ... failed" and "Using non DAX backing file with 'pmem=on' option is deprecated" and goes on without it. Remove pmem=on unless the file is on DAX.`,
      });
    }
  },
};
