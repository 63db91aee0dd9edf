/**
 * Edit builders shared by quick fixes. They keep the user's quoting and line
 * layout: values are changed in place, new keys are appended inside the
 * option's own word, new options are added right after the QEMU binary.
 */
import type { Span } from '../text';
import type { OptionInstance, PropValue, VmModel } from '../model/types';
import type { TextEdit } from './types';

export function replace(span: Span, newText: string): TextEdit {
  return { span, newText };
}

/** Where new text goes at the end of an option's argument (inside its quotes). */
function argEnd(inst: OptionInstance): number | undefined {
  const arg = inst.option.arg;
  if (!arg) return undefined;
  const n = arg.value.text.length;
  if (n === 0) return undefined;
  return inst.mapRange(n - 1, n).end;
}

/**
 * Appends `key=value` to an option (`,key=value` for QemuOpts/keyval,
 * `,"key":value` before the closing brace for JSON). `jsonValue` is the JSON
 * text to use in JSON syntax.
 */
export function appendProp(inst: OptionInstance, key: string, value: string, jsonValue?: string): TextEdit | undefined {
  if (inst.parsed.syntax === 'json') {
    const arg = inst.option.arg;
    // Malformed JSON: where the object ends (and which keys it has) is not known.
    if (!arg || inst.parsed.errors.length) return undefined;
    const text = arg.value.text;
    const close = text.lastIndexOf('}');
    if (close < 0) return undefined;
    const before = text.slice(0, close).trimEnd();
    const sep = before.endsWith('{') ? '' : ',';
    const at = inst.mapRange(close, close + 1).start;
    return { span: { start: at, end: at }, newText: `${sep}"${key}":${jsonValue ?? JSON.stringify(value)}` };
  }
  const at = argEnd(inst);
  if (at === undefined) return undefined;
  // After a trailing separator ("128M,slots=2,") no comma is added: ",," would escape it.
  const trailing = /,*$/.exec(inst.option.arg!.value.text)![0].length;
  return { span: { start: at, end: at }, newText: `${trailing % 2 ? '' : ','}${key}=${value}` };
}

/** Sets a prop: replaces its value when present (keeping the key as written), else appends it. */
export function setProp(inst: OptionInstance, key: string, value: string, jsonValue?: string): TextEdit | undefined {
  const p = inst.props.get(key);
  if (p) return setValue(inst, p, value, jsonValue);
  return appendProp(inst, key, value, jsonValue);
}

/**
 * The span of a value as a token: in JSON syntax a string's span (`p.span`)
 * is inside its quotes, and replacing it with JSON text must take the quotes too.
 */
export function valueTokenSpan(inst: OptionInstance, p: PropValue): Span {
  if (inst.parsed.syntax !== 'json' || p.entry.jsonType !== 'string') return p.span;
  return inst.mapRange(p.entry.valueFrom - 1, p.entry.valueTo + 1);
}

/** Replaces a prop's value (a short-form flag becomes key=value). */
export function setValue(inst: OptionInstance, p: PropValue, value: string, jsonValue?: string): TextEdit {
  if (inst.parsed.syntax === 'json') return { span: valueTokenSpan(inst, p), newText: jsonValue ?? JSON.stringify(value) };
  if (p.entry.bare) return { span: p.entrySpan, newText: `${p.key}=${value}` };
  return { span: p.span, newText: value };
}

/** Inserts a whole new option right after the binary word, on the same line. */
export function insertOption(vm: VmModel, text: string): TextEdit {
  const at = vm.binarySpan.end;
  return { span: { start: at, end: at }, newText: ` ${text}` };
}

/** Inserts a whole new option right after another option. */
export function insertOptionAfter(inst: OptionInstance, text: string): TextEdit {
  const at = inst.span.end;
  return { span: { start: at, end: at }, newText: ` ${text}` };
}
