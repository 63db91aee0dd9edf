import type { Rule } from './types';
import { fileBackends } from './common';
import { propBool } from '../model/query';
import { versionAtLeast } from '../kb';

/** readonly=on on a missing file: 7.2 creates an empty (zero) file; 8.2+ refuses. */
export const rule: Rule = {
  meta: {
    code: 'readonly-missing-file',
    severity: 'warning',
    category: 'host',
    title: 'readonly=on on a file that does not exist',
  },
  check(ctx) {
    const host = ctx.options.host;
    if (!host) return;
    for (const { o, p, path } of fileBackends(ctx.vm)) {
      if (propBool(o.props.get('readonly')) !== true || host.stat(path)) continue;
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      if (!host.stat(parent)) continue; // mem-path-parent-missing
      const refuses = versionAtLeast(ctx.options.qemuVersion, '8.2');
      ctx.report({
        span: p.span,
        severity: refuses ? 'error' : 'warning',
        message: refuses
          ? `QEMU ${ctx.options.qemuVersion} refuses a read-only backend on a missing file ("can't open backing store ${path} for guest RAM: No such file or directory"). Check the path.`
          : `${path} does not exist: QEMU ${ctx.options.qemuVersion} creates it filled with zeros even though readonly=on, so the guest reads an empty device instead of your data (QEMU 8.2 and later refuse this). Check the path.`,
      });
    }
  },
};
