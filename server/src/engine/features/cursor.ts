/**
 * Where the cursor is, in QEMU terms: on an option flag, in an option's
 * argument (on a key or a value of a given entry), or in the gap where an
 * argument is expected.
 */
import { endAt, isSynthetic, startAt, type MappedString } from '../mapped';
import type { DocumentAnalysis } from '../analyze';
import { vmNear } from '../analyze';
import type { OptionInstance, PropValue, VmModel } from '../model/types';
import type { QemuOption } from '../qemu/types';
import type { Span } from '../text';
import { allInstances } from '../rules/common';

export type CursorContext =
  | { kind: 'none' }
  | { kind: 'flag'; vm: VmModel; option?: QemuOption; replace: Span; prefix: string }
  | { kind: 'arg-start'; vm: VmModel; option: QemuOption; replace: Span }
  | {
      kind: 'key';
      vm: VmModel;
      inst: OptionInstance;
      entry?: PropValue;
      /** Value-coordinate position in the argument. */
      pos: number;
      replace: Span;
      prefix: string;
    }
  | { kind: 'value'; vm: VmModel; inst: OptionInstance; entry: PropValue; pos: number; replace: Span; prefix: string };

/** The value index at a document offset: the first character at or after it. */
export function valueIndexAt(m: MappedString, offset: number): number | undefined {
  const n = m.text.length;
  if (n === 0) return offset === m.emptyAt ? 0 : undefined;
  for (let i = 0; i < n; i++) {
    const s = startAt(m, i);
    if (s >= offset) return i;
    if (s < offset && offset < endAt(m, i)) return i; // inside an escape sequence
  }
  return offset <= endAt(m, n - 1) + 1 ? n : undefined;
}

function within(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}

export function cursorAt(a: DocumentAnalysis, offset: number): CursorContext {
  const vm = vmNear(a, offset);
  if (!vm) return { kind: 'none' };
  // In an option's argument?
  for (const inst of allInstances(vm)) {
    const arg = inst.option.arg;
    if (!arg || !within(arg.span, offset) || isSynthetic(arg.value)) continue;
    const pos = valueIndexAt(arg.value, offset);
    if (pos === undefined) continue;
    return inArgument(vm, inst, pos, offset);
  }
  // Between a flag that takes an argument and its argument (or at the end).
  if (vm.origin === 'libvirt') return { kind: 'none' };
  for (const opt of vm.options) {
    const f = opt.flag.span;
    if (within(f, offset)) {
      return { kind: 'flag', vm, option: opt, replace: f, prefix: a.text.slice(f.start, offset) };
    }
    if (opt.known && offset > f.end) {
      const argStart = opt.arg ? opt.arg.span.start : Infinity;
      if (offset < argStart && gapIsBlank(a.text, f.end, offset)) {
        return { kind: 'arg-start', vm, option: opt, replace: { start: offset, end: offset } };
      }
    }
  }
  // A fresh word: an option name.
  let start = offset;
  while (start > 0 && !/\s/.test(a.text[start - 1])) start--;
  const prefix = a.text.slice(start, offset);
  if (prefix === '' || prefix.startsWith('-')) return { kind: 'flag', vm, replace: { start, end: offset }, prefix };
  return { kind: 'none' };
}

/** Only blanks and line continuations between two offsets. */
function gapIsBlank(text: string, from: number, to: number): boolean {
  return /^(?:[ \t]|\\\r?\n)*$/.test(text.slice(from, to));
}

function inArgument(vm: VmModel, inst: OptionInstance, pos: number, offset: number): CursorContext {
  // JSON arguments get hover and diagnostics, not key=value completion.
  if (inst.parsed.syntax === 'json') return { kind: 'none' };
  const text = inst.option.arg!.value.text;
  for (const e of inst.entries) {
    const en = e.entry;
    if (!en.implied && pos >= en.keyFrom && pos <= en.keyTo && !(en.keyTo === pos && text[pos] === '=')) {
      return {
        kind: 'key',
        vm,
        inst,
        entry: e,
        pos,
        replace: e.keySpan,
        prefix: text.slice(en.keyFrom, pos),
      };
    }
    if (pos >= en.valueFrom && pos <= en.valueTo && (en.implied || !en.bare)) {
      return {
        kind: 'value',
        vm,
        inst,
        entry: e,
        pos,
        replace: e.span.start === e.span.end ? { start: offset, end: offset } : e.span,
        prefix: text.slice(en.valueFrom, pos),
      };
    }
  }
  // After a comma (or at the start of an empty argument): a new key.
  return { kind: 'key', vm, inst, pos, replace: { start: offset, end: offset }, prefix: '' };
}
