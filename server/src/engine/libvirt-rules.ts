/** The libvirt rule registry and runner (failures isolated as for QEMU rules). */
import type { LibvirtDomain } from './xml/types';
import type { RunOptions } from './rules/run';
import type { Finding } from './rules/types';
import type { LibvirtRule } from './rules/libvirt/types';
import { rule as maxmemoryRequired } from './rules/libvirt/maxmemory-required';
import { rule as labelTooSmall } from './rules/libvirt/label-too-small';

export const LIBVIRT_RULE_LIST: readonly LibvirtRule[] = [maxmemoryRequired, labelTooSmall];

export function runLibvirtRules(domain: LibvirtDomain, text: string, options: RunOptions): Finding[] {
  const out: Finding[] = [];
  for (const rule of LIBVIRT_RULE_LIST) {
    const code = rule.meta.code;
    if (options.disabled?.has(code)) continue;
    const severity = options.severity?.get(code);
    try {
      rule.check({
        domain,
        text,
        options,
        report(f) {
          out.push({ ...f, code, severity: severity ?? f.severity ?? rule.meta.severity });
        },
      });
    } catch (e) {
      options.onRuleError?.(code, e);
    }
  }
  return out;
}
