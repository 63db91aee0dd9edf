import type { Rule } from './types';
import { fileBackends } from './common';

/** mem-path in a directory that does not exist: QEMU cannot create the file. */
export const rule: Rule = {
  meta: {
    code: 'mem-path-parent-missing',
    severity: 'error',
    category: 'host',
    title: "mem-path's directory does not exist",
    upstreamMessage: "can't open backing store /tmp/qr/nodir/x.img for guest RAM: No such file or directory",
  },
  check(ctx) {
    const host = ctx.options.host;
    if (!host) return;
    for (const { p, path } of fileBackends(ctx.vm)) {
      if (path.endsWith('/')) continue;
      if (host.stat(path)) continue;
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      const st = host.stat(parent);
      if (st && (st.kind === 'dir' || st.kind === 'symlink')) continue;
      const why = st ? 'Not a directory' : 'No such file or directory';
      ctx.report({
        span: p.span,
        message: `QEMU refuses this backend: ${parent} ${st ? 'is not a directory' : 'does not exist'}, so it cannot create ${path} ("can't open backing store ${path} for guest RAM: ${why}"). Create the directory first (mkdir -p ${parent}).`,
      });
    }
  },
};
