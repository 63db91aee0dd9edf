/**
 * Runs rules over a VM model. A rule that throws is isolated: its error is
 * passed to `onRuleError` (once per rule and run) and the other rules still report.
 */
import type { VmModel } from '../model/types';
import type { Finding, Rule, RuleContext, RuleOptions, Severity } from './types';

export interface RunOptions extends RuleOptions {
  /** Codes switched off by the user. */
  readonly disabled?: ReadonlySet<string>;
  /** Per-code severity overrides. */
  readonly severity?: ReadonlyMap<string, Severity>;
  readonly onRuleError?: (code: string, error: unknown) => void;
}

export function runRules(rules: readonly Rule[], vm: VmModel, text: string, options: RunOptions): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const code = rule.meta.code;
    if (options.disabled?.has(code)) continue;
    const severity = options.severity?.get(code);
    const ctx: RuleContext = {
      vm,
      text,
      options,
      report(f) {
        out.push({ ...f, code, severity: severity ?? f.severity ?? rule.meta.severity });
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      options.onRuleError?.(code, e);
    }
  }
  return out;
}
