import type { Rule } from './types';
import { fileBackends } from './common';
import { pmemUsers } from '../model/query';

/** mem-path naming a directory: QEMU maps an unlinked temporary file in it. */
export const rule: Rule = {
  meta: {
    code: 'mem-path-directory',
    severity: 'warning',
    category: 'persistence',
    title: 'mem-path is a directory: nothing persists',
  },
  check(ctx) {
    const host = ctx.options.host;
    for (const { o, p, path } of fileBackends(ctx.vm)) {
      const isDir = path.endsWith('/') || host?.stat(path)?.kind === 'dir';
      if (!isDir) continue;
      const users = pmemUsers(ctx.vm, o);
      ctx.report({
        span: p.span,
        message: `${path} is a directory: QEMU creates a temporary file in it, deletes it at once and maps that, so ${users.length ? `everything the guest writes to ${users[0].driver}${users[0].id ? ` '${users[0].id}'` : ''}` : 'the memory'} is gone when QEMU exits (the directory stays empty). QEMU starts without a warning. Name a file, e.g. ${path.replace(/\/$/, '')}/${o.id ?? 'pmem'}.img.`,
      });
    }
  },
};
