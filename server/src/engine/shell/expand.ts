/**
 * Word expansion: turns scanned words (segments) into the fields a program
 * would receive, using variables assigned earlier in the same file. Nothing is
 * executed and nothing is guessed: whatever cannot be known statically is kept
 * verbatim (its own source text, mapped to itself) and marked in
 * MappedString.unknown.
 *
 * Performed: parameter expansion (`$V`, `${V}`, `${V:-w}` and friends,
 * `${A[@]}`, `${A[*]}`, `${A[n]}`), field splitting of unquoted expansion
 * results on blanks (space, tab, newline; IFS is assumed default), quote
 * removal. Not performed: tilde, brace and pathname expansion (the characters
 * stay as written), command substitution and arithmetic (unknown).
 */
import { literal, MappedBuilder, startAt, type MappedString } from '../mapped';
import type { ExpSeg, LitSeg, Segment, Word } from './scanner';

/**
 * A value with its source map. Values are immutable MappedStrings: the same
 * object is held by the variable table and handed out in every word that
 * expands the variable.
 */
export type Val = MappedString;

/** A scalar variable. `value` null: assigned, but not statically known. */
export interface ScalarVar {
  readonly kind: 'scalar';
  readonly value: Val | null;
  /**
   * Best static reading of the value for recognising the QEMU binary only:
   * `${X:-default}` with X unassigned in the file reads as the default here.
   * Null when even that is not known.
   */
  readonly hint: string | null;
}

/** An indexed array. `elems` null: not statically known. Elements may contain unknown ranges. */
export interface ArrayVar {
  readonly kind: 'array';
  readonly elems: readonly Val[] | null;
}

export type ShellVar = ScalarVar | ArrayVar;
export type VarTable = Map<string, ShellVar>;

export function isKnown(v: Val): boolean {
  return v.unknown.length === 0;
}

/** Whether value range [from, to) overlaps an unknown range. */
export function overlapsUnknown(v: Val, from: number, to: number): boolean {
  for (const u of v.unknown) if (u.start < to && from < u.end) return true;
  return false;
}

function isIfs(c: number): boolean {
  return c === 32 || c === 9 || c === 10;
}

function inUnknown(m: Val, i: number): boolean {
  for (const u of m.unknown) if (i >= u.start && i < u.end) return true;
  return false;
}

/** `a` followed by `b` (maps and unknown ranges kept). */
export function concatVals(a: Val, b: Val): Val {
  // A non-empty value's emptyAt is its first character's start, so the
  // builder's rule (first character's start, else the given offset) matches.
  const acc = new MappedBuilder(b.emptyAt);
  acc.pushRange(a);
  for (const u of a.unknown) acc.markUnknown(u.start, u.end);
  const shift = a.text.length;
  acc.pushRange(b);
  for (const u of b.unknown) acc.markUnknown(u.start + shift, u.end + shift);
  return acc.build();
}

/** Appends value range [from, to) of `m` to a field, with the unknown ranges it overlaps. */
function appendVal(acc: MappedBuilder, m: Val, from = 0, to = m.text.length): void {
  const base = acc.length - from;
  acc.pushRange(m, from, to);
  for (const u of m.unknown) {
    const a = Math.max(u.start, from);
    const b = Math.min(u.end, to);
    if (a < b) acc.markUnknown(base + a, base + b);
  }
}

/** Accumulates fields (words) while expanding. */
class Fields {
  readonly out: Val[] = [];
  private cur: MappedBuilder | null = null;
  constructor(readonly split: boolean) {}

  /** The current field, created (possibly empty) if there is none. */
  open(at: number): MappedBuilder {
    if (!this.cur) this.cur = new MappedBuilder(at);
    return this.cur;
  }

  close(): void {
    if (this.cur) this.out.push(this.cur.build());
    this.cur = null;
  }

  /** Appends a value; `splittable` values are field-split on blanks outside unknown ranges. */
  value(m: Val, splittable: boolean, at: number): void {
    if (!splittable || !this.split) {
      appendVal(this.open(at), m);
      return;
    }
    const s = m.text;
    const n = s.length;
    let i = 0;
    while (i < n) {
      if (isIfs(s.charCodeAt(i)) && !inUnknown(m, i)) {
        this.close();
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && !(isIfs(s.charCodeAt(j)) && !inUnknown(m, j))) j++;
      appendVal(this.open(startAt(m, i)), m, i, j);
      i = j;
    }
  }

  lit(seg: LitSeg): void {
    if (this.split && !seg.quoted && seg.copy) {
      // Unquoted literal text can hold blanks only inside a ${X:-a b} default; split it.
      const v = seg.value;
      const n = v.length;
      let i = 0;
      while (i < n) {
        if (isIfs(v.charCodeAt(i))) {
          this.close();
          i++;
          continue;
        }
        let j = i + 1;
        while (j < n && !isIfs(v.charCodeAt(j))) j++;
        this.open(seg.start + i).pushLiteral(j - i === n ? v : v.slice(i, j), seg.start + i);
        i = j;
      }
      return;
    }
    const b = this.open(seg.start);
    if (seg.copy) b.pushLiteral(seg.value, seg.start);
    else b.push(seg.value, seg.start, seg.end);
  }

  /** Source text kept verbatim and marked unknown. */
  unknown(text: string, start: number): void {
    const b = this.open(start);
    const from = b.length;
    b.pushLiteral(text, start);
    b.markUnknown(from, b.length);
  }
}

type Lookup =
  | { readonly state: 'unset' }
  | { readonly state: 'unknown'; readonly hint: string | null }
  | { readonly state: 'known'; readonly value: Val };

const EMPTY: Val = literal('', 0);

export class Expander {
  constructor(
    private readonly text: string,
    readonly vars: VarTable,
  ) {}

  /**
   * The fields a word expands to. `split`: field splitting applies (command
   * arguments, array elements); otherwise the result is exactly one value
   * (assignment right-hand sides). `hint`: read unknown variables through
   * their hints (for recognising the QEMU binary; never for argument values).
   */
  fields(word: Word, split: boolean, hint: boolean): Val[] {
    if (word.plain) return [literal(word.plainText as string, word.start)];
    const f = new Fields(split);
    const segs = word.segs;
    // A word that is nothing but $@ / "$@" / ${@} / $* contributes no fields
    // (the script's own arguments are unknown, and may be none).
    let soleAt = false;
    let count = 0;
    let only: Segment | null = null;
    for (const s of segs) {
      if (s.k !== 'quote') {
        count++;
        only = s;
      }
    }
    if (count === 1 && only && only.k === 'exp' && only.exp.t === 'special') {
      soleAt = only.exp.name === '@' || (only.exp.name === '*' && !only.quoted);
    }
    if (soleAt) return [];
    this.segs(segs, f, hint);
    f.close();
    return f.out;
  }

  /** The single value of an assignment's right-hand side (no splitting). */
  scalar(segs: readonly Segment[], emptyAt: number, hint: boolean): Val {
    const f = new Fields(false);
    f.open(emptyAt);
    this.segs(segs, f, hint);
    f.close();
    return f.out[0];
  }

  private segs(segs: readonly Segment[], f: Fields, hint: boolean): void {
    for (const s of segs) {
      if (s.k === 'lit') f.lit(s);
      else if (s.k === 'quote') {
        if (!s.atOnly) f.open(s.start);
      } else this.exp(s, f, hint);
    }
  }

  /** What variable `name` holds, as far as the file tells. */
  lookup(name: string): Lookup {
    const v = this.vars.get(name);
    if (!v) return { state: 'unset' };
    if (v.kind === 'scalar') return v.value ? { state: 'known', value: v.value } : { state: 'unknown', hint: v.hint };
    if (!v.elems) return { state: 'unknown', hint: null };
    return { state: 'known', value: v.elems.length ? v.elems[0] : EMPTY };
  }

  private verbatim(s: ExpSeg, f: Fields): void {
    f.unknown(this.text.slice(s.start, s.end), s.start);
  }

  private exp(s: ExpSeg, f: Fields, hint: boolean): void {
    const e = s.exp;
    const splittable = !s.quoted;
    switch (e.t) {
      case 'opaque':
      case 'special':
        // $1, $#, $?, "$*", $@ inside a larger word, $(...), `...`: unknown.
        this.verbatim(s, f);
        return;
      case 'var': {
        const v = this.lookup(e.name);
        if (v.state === 'known') f.value(v.value, splittable, s.start);
        else if (v.state === 'unknown' && hint && v.hint !== null) this.hintValue(v.hint, s, f);
        else this.verbatim(s, f);
        return;
      }
      case 'index':
        this.index(s, e.name, e.index, f);
        return;
      case 'default': {
        const v = /^[A-Za-z_]/.test(e.name) ? this.lookup(e.name) : ({ state: 'unset' } as Lookup);
        const assigning = e.op === ':-' || e.op === '-' || e.op === ':=' || e.op === '=';
        if (v.state === 'unset') {
          if (hint && assigning) this.segs(e.arg, f, hint);
          else this.verbatim(s, f);
          return;
        }
        if (v.state === 'unknown') {
          if (hint && assigning && v.hint !== null) this.hintValue(v.hint, s, f);
          else this.verbatim(s, f);
          return;
        }
        const empty = v.value.text.length === 0;
        const colon = e.op.length === 2;
        switch (e.op) {
          case ':-':
          case ':=':
          case '-':
          case '=':
            if (colon && empty) this.segs(e.arg, f, hint);
            else f.value(v.value, splittable, s.start);
            return;
          case ':+':
          case '+':
            if (!(colon && empty)) this.segs(e.arg, f, hint);
            return;
          case ':?':
          case '?':
            if (colon && empty) this.verbatim(s, f);
            else f.value(v.value, splittable, s.start);
            return;
        }
      }
    }
  }

  private hintValue(hint: string, s: ExpSeg, f: Fields): void {
    const b = new MappedBuilder(s.start);
    b.push(hint, s.start, s.end);
    f.value(b.build(), !s.quoted, s.start);
  }

  /** `${A[@]}`, `${A[*]}`, `${A[n]}`. */
  private index(s: ExpSeg, name: string, index: string, f: Fields): void {
    const v = this.vars.get(name);
    let elems: readonly Val[] | null = null;
    if (v?.kind === 'array') elems = v.elems;
    else if (v?.kind === 'scalar' && v.value) elems = [v.value];
    if (!elems) {
      this.verbatim(s, f);
      return;
    }
    if (index === '@' || index === '*') {
      if (f.split && !s.quoted) {
        // Unquoted: every element is split further; element boundaries separate fields.
        for (let i = 0; i < elems.length; i++) {
          if (i > 0) f.close();
          f.value(elems[i], true, s.start);
        }
      } else if (index === '@' && f.split) {
        // "${A[@]}": one field per element, the first and last joined to surrounding text.
        for (let i = 0; i < elems.length; i++) {
          if (i > 0) f.close();
          appendVal(f.open(s.start), elems[i]);
        }
      } else {
        // "${A[*]}", or any expansion in an assignment value: elements joined by a space mapped to the expansion.
        const b = f.open(s.start);
        for (let i = 0; i < elems.length; i++) {
          if (i > 0) b.push(' ', s.start, s.end);
          appendVal(b, elems[i]);
        }
      }
      return;
    }
    if (/^\d+$/.test(index)) {
      const m = elems[Number(index)];
      if (m) f.value(m, !s.quoted, s.start);
      else if (s.quoted) f.open(s.start);
      return;
    }
    this.verbatim(s, f);
  }
}
