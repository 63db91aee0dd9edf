import type { LibvirtRule } from './types';

/** virUUIDParse: white space, then 16 hex pairs optionally separated by '-', then only white space. */
export function isLibvirtUuid(s: string): boolean {
  let i = 0;
  while (i < s.length && /\s/.test(s[i])) i++;
  for (let n = 0; n < 16; n++) {
    while (s[i] === '-') i++;
    if (!/[0-9a-fA-F]/.test(s[i] ?? '') || !/[0-9a-fA-F]/.test(s[i + 1] ?? '')) return false;
    i += 2;
  }
  while (i < s.length && /\s/.test(s[i])) i++;
  return i === s.length;
}

/** P8: an nvdimm <uuid> libvirt cannot parse (empty is read as none). */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-nvdimm-uuid-malformed',
    severity: 'error',
    category: 'libvirt',
    title: 'nvdimm <uuid> that is not a UUID',
    upstreamMessage: 'internal error: malformed uuid element',
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      if (dev.model?.text !== 'nvdimm' || !dev.uuid || dev.uuid.text === '' || isLibvirtUuid(dev.uuid.text)) continue;
      ctx.report({
        span: dev.uuid.span,
        message: `libvirt refuses this nvdimm: '${dev.uuid.text}' is not a UUID ("internal error: malformed uuid element"). Write 32 hexadecimal digits, e.g. 49545eb3-75e1-2d0a-acdd-f0294406c99e (only pseries guests use it).`,
      });
    }
  },
};
