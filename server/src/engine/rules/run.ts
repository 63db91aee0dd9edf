/**
 * Runs rules over a VM model. A rule that throws is isolated: its error is
 * passed to `onRuleError` (once per rule and run) and the other rules still report.
 */
import type { VmModel } from '../model/types';
import type { Span } from '../text';
import type { Finding, Rule, RuleContext, RuleOptions, Severity } from './types';

export interface RunOptions extends RuleOptions {
  /** Codes switched off by the user. */
  readonly disabled?: ReadonlySet<string>;
  /** Per-code severity overrides. */
  readonly severity?: ReadonlyMap<string, Severity>;
  readonly onRuleError?: (code: string, error: unknown) => void;
}

/**
 * Test hook (test/lsp/hygiene.test.ts): QEMU_PMEM_TEST_CRASH_RULE=<code> makes
 * that rule throw, to prove one crashing rule is isolated and logged once.
 * Read once at load; unset in normal use.
 */
const CRASH_RULE = typeof process !== 'undefined' ? process.env.QEMU_PMEM_TEST_CRASH_RULE : undefined;

/**
 * At most this many findings per rule and run. A generated file with 100,000
 * NVDIMMs would otherwise make 100,000 diagnostics per rule (seconds of work
 * and megabytes of JSON for the editor); QEMU stops at the first error anyway.
 */
export const MAX_FINDINGS_PER_RULE = 100;

export function runRules(rules: readonly Rule[], vm: VmModel, text: string, options: RunOptions): Finding[] {
  const out: Finding[] = [];
  // One context per VM, not per rule (a big script runs 70 rules on tens of
  // thousands of VMs): `report` files findings under the rule now running.
  // Rules are synchronous, so nothing reports after its rule has returned.
  let code = '';
  let severity: Severity | undefined;
  let fallback: Severity = 'error';
  let count = 0;
  const ctx: RuleContext = {
    vm,
    text,
    options,
    report(f) {
      if (++count > MAX_FINDINGS_PER_RULE) return;
      out.push({ ...f, span: snapToCodePoints(text, f.span), code, severity: severity ?? f.severity ?? fallback });
    },
  };
  for (const rule of rules) {
    code = rule.meta.code;
    if (options.disabled?.has(code)) continue;
    severity = options.severity?.get(code);
    fallback = rule.meta.severity;
    count = 0;
    try {
      if (code === CRASH_RULE) throw new Error(`QEMU_PMEM_TEST_CRASH_RULE: rule ${code} crashed on purpose`);
      rule.check(ctx);
    } catch (e) {
      options.onRuleError?.(code, e);
    }
  }
  return out;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * Widens a span that starts or ends between the two halves of a surrogate
 * pair (an error placed on one UTF-16 unit of an emoji, say) to the whole
 * character, so editors never get a range that splits a code point.
 */
export function snapToCodePoints(text: string, s: Span): Span {
  let { start, end } = s;
  const splits = (o: number) => o > 0 && o < text.length && isHighSurrogate(text.charCodeAt(o - 1)) && (text.charCodeAt(o) & 0xfc00) === 0xdc00;
  if (splits(start)) start--;
  if (splits(end)) end++;
  return start === s.start && end === s.end ? s : { start, end };
}
