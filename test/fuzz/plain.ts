/** VM models as plain data, to compare two VMs built different ways. */
import type { OptionInstance, VmModel } from '../../server/src/engine/model/types';
import type { Span } from '../../server/src/engine/text';
import assert from 'node:assert/strict';
import { analyze, vmOfInvocation, type ShellModels } from '../../server/src/engine/analyze';
import { analyzeShellWithContexts } from '../../server/src/engine/shell';

/**
 * A VM as plain data: instances' `mapRange` closures are replaced by what
 * they give for every one-character range and the whole argument.
 */
function plain(x: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof x !== 'object' || x === null) return x;
  if (seen.has(x)) return seen.get(x);
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    seen.set(x, out);
    for (const v of x) out.push(plain(v, seen));
    return out;
  }
  if (x instanceof Map) {
    const out: [unknown, unknown][] = [];
    seen.set(x, out);
    for (const [k, v] of x) out.push([plain(k, seen), plain(v, seen)]);
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(x, out);
  for (const [k, v] of Object.entries(x)) {
    if (typeof v !== 'function') out[k] = plain(v, seen);
  }
  const inst = x as Partial<OptionInstance>;
  if (typeof inst.mapRange === 'function' && inst.option) {
    const n = inst.option.arg?.value.text.length ?? 0;
    const ranges: Span[] = [inst.mapRange(0, n)];
    for (let i = 0; i < n; i++) ranges.push(inst.mapRange(i, i + 1));
    out.mapRange = ranges;
  }
  return out;
}

export function plainVm(vm: VmModel): unknown {
  return plain(vm);
}

/**
 * Every VM of shell script `text` as a feature gets it after the analysis
 * released the words (ShellModels.build) against the VM built from the words;
 * an assertion error on the first difference. Returns how many were compared.
 */
export function checkRebuiltVms(text: string): number {
  const sh = analyzeShellWithContexts(text);
  const models = analyze(text, { languageId: 'shellscript' }).models as ShellModels;
  assert.equal(models.spans.length, sh.invocations.length, `invocations of ${JSON.stringify(text)}`);
  sh.invocations.forEach((inv, i) => {
    assert.deepStrictEqual(plainVm(models.build(i)), plainVm(vmOfInvocation(inv)), `invocation ${i} reads differently again: ${JSON.stringify(text)}`);
  });
  return sh.invocations.length;
}
