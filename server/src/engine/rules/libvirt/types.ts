/**
 * libvirt rules: like QEMU rules (one file, one stable code, one doc page,
 * one fixture test) but over the libvirt domain model.
 */
import type { LibvirtDomain } from '../../xml/types';
import type { Finding, RuleMeta, RuleOptions, Severity } from '../types';

export interface LibvirtRuleContext {
  readonly domain: LibvirtDomain;
  readonly text: string;
  readonly options: RuleOptions;
  report(finding: Omit<Finding, 'code' | 'severity'> & { severity?: Severity }): void;
}

export interface LibvirtRule {
  readonly meta: RuleMeta;
  check(ctx: LibvirtRuleContext): void;
}
