import type { Rule } from './types';
import { fileBackends } from './common';

/** mem-path is a symlink or a device: reported, never followed or opened. */
export const rule: Rule = {
  meta: {
    code: 'mem-path-special',
    severity: 'information',
    category: 'host',
    title: 'mem-path is a symbolic link or a device',
  },
  check(ctx) {
    const host = ctx.options.host;
    if (!host) return;
    for (const { p, path } of fileBackends(ctx.vm)) {
      const st = host.stat(path);
      if (!st || (st.kind !== 'symlink' && st.kind !== 'device')) continue;
      ctx.report({
        span: p.span,
        message:
          st.kind === 'symlink'
            ? `${path} is a symbolic link; QEMU maps whatever it points to. The size and directory checks did not follow it.`
            : `${path} is a device${/^\/dev\/dax/.test(path) ? ' (device DAX: its own alignment, often 2M, must not exceed align=)' : ''}; QEMU maps it directly and never grows it, so size= must fit the device. The size checks do not open devices.`,
      });
    }
  },
};
