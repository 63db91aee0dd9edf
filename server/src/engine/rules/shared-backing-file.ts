import type { Rule } from './types';
import { fileBackends } from './common';
import type { ObjectDef } from '../model/types';
import { normalizePath } from '../model/query';

/** Two file backends on the same file: both devices alias the same bytes. */
export const rule: Rule = {
  meta: {
    code: 'shared-backing-file',
    severity: 'warning',
    category: 'persistence',
    title: 'Two backends on the same file',
  },
  check(ctx) {
    const first = new Map<string, ObjectDef>();
    for (const { o, p, path } of fileBackends(ctx.vm)) {
      const key = normalizePath(path);
      const prev = first.get(key);
      if (!prev) {
        first.set(key, o);
        continue;
      }
      ctx.report({
        span: p.span,
        message: `Backends '${prev.id}' and '${o.id}' both map ${key}: QEMU accepts it, and the two devices then write over each other's data (and, with labels, over each other's label area). Give each backend its own file.`,
        related: [{ span: prev.props.get('mem-path')!.span, message: `'${prev.id}' maps the same file` }],
      });
    }
  },
};
