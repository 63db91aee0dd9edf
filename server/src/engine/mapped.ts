/**
 * A MappedString is a string value (what a program would receive as an
 * argument) together with, for each of its characters, the document span the
 * character came from. Shell quoting, backslash escapes, line continuations,
 * variable expansions and XML entities all make a value differ from its
 * source text; the map lets every parser work on plain values while every
 * diagnostic still lands on the exact source characters.
 */
import { Span } from './text';

export interface MappedString {
  /** The value. */
  readonly text: string;
  /** starts[i] / ends[i]: the document span that produced text[i]. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /**
   * Ranges of `text` (value coordinates) that are unresolved expansions kept
   * verbatim (`$VAR`, `$(cmd)`, ...). Their content is not known: rules must
   * not judge a value that overlaps one.
   */
  readonly unknown: readonly Span[];
  /** Where the value sits in the document when it has no characters. */
  readonly emptyAt: number;
}

/** A value that appears literally in the document at `start`. */
export function literal(text: string, start: number): MappedString {
  const n = text.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = start + i;
    ends[i] = start + i + 1;
  }
  return { text, starts, ends, unknown: [], emptyAt: start };
}

/** A value all of whose characters map to one span (e.g. a generated argument). */
export function synthetic(text: string, where: Span): MappedString {
  const n = text.length;
  const starts = new Int32Array(n).fill(where.start);
  const ends = new Int32Array(n).fill(where.end);
  return { text, starts, ends, unknown: [], emptyAt: where.start };
}

/** Builds a MappedString piece by piece. */
export class MappedBuilder {
  private chars: string[] = [];
  private s: number[] = [];
  private e: number[] = [];
  private unk: Span[] = [];
  constructor(private emptyAt: number) {}

  get length(): number {
    return this.s.length;
  }

  /** Appends one value character produced by source span [start, end). */
  push(ch: string, start: number, end: number): void {
    for (let i = 0; i < ch.length; i++) {
      this.chars.push(ch[i]);
      this.s.push(start);
      this.e.push(end);
    }
  }

  /** Appends characters copied literally from the document at `start`. */
  pushLiteral(text: string, start: number): void {
    for (let i = 0; i < text.length; i++) {
      this.chars.push(text[i]);
      this.s.push(start + i);
      this.e.push(start + i + 1);
    }
  }

  /** Appends (a slice of) another mapped string, keeping its map. */
  pushMapped(m: MappedString, from = 0, to = m.text.length): void {
    const base = this.s.length;
    for (let i = from; i < to; i++) {
      this.chars.push(m.text[i]);
      this.s.push(m.starts[i]);
      this.e.push(m.ends[i]);
    }
    for (const u of m.unknown) {
      const a = Math.max(u.start, from);
      const b = Math.min(u.end, to);
      if (a < b || (u.start === u.end && u.start >= from && u.start <= to)) {
        this.unk.push({ start: base + a - from, end: base + b - from });
      }
    }
  }

  /** Marks value range [start, end) (value coordinates) as unknown. */
  markUnknown(start: number, end: number): void {
    this.unk.push({ start, end });
  }

  build(): MappedString {
    return {
      text: this.chars.join(''),
      starts: Int32Array.from(this.s),
      ends: Int32Array.from(this.e),
      unknown: this.unk,
      emptyAt: this.s.length ? this.s[0] : this.emptyAt,
    };
  }
}

/**
 * The document span of value range [from, to). When the characters come from
 * several places (a value assembled from two variables, say), the span of the
 * first character's origin is extended only while it stays ordered.
 */
export function mapSpan(m: MappedString, from: number, to: number): Span {
  const n = m.text.length;
  if (n === 0) return { start: m.emptyAt, end: m.emptyAt };
  if (from >= n) {
    const e = m.ends[n - 1];
    return { start: e, end: e };
  }
  const a = Math.max(0, from);
  const b = Math.min(n, to);
  if (b <= a) {
    const s = m.starts[a];
    return { start: s, end: s };
  }
  const start = m.starts[a];
  const end = m.ends[b - 1];
  if (end >= start) return { start, end };
  return { start, end: m.ends[a] };
}

/** The whole value's span. */
export function wholeSpan(m: MappedString): Span {
  return mapSpan(m, 0, m.text.length);
}

/** Whether value range [from, to) overlaps an unresolved expansion. */
export function isUnknown(m: MappedString, from: number, to: number): boolean {
  for (const u of m.unknown) {
    if (u.start < to && from < u.end) return true;
    if (u.start === u.end && u.start >= from && u.start <= to) return true;
  }
  return false;
}

/**
 * A value generated rather than written (every character maps to one span,
 * e.g. a QEMU argument libvirt would generate from an element). Editor
 * features that point inside a value skip these.
 */
export function isSynthetic(m: MappedString): boolean {
  const n = m.text.length;
  return n > 1 && m.starts[0] === m.starts[n - 1] && m.ends[0] === m.ends[n - 1];
}

/** A sub-value of `m`, keeping the map. */
export function sliceMapped(m: MappedString, from: number, to: number): MappedString {
  const b = new MappedBuilder(from < m.text.length ? m.starts[from] ?? m.emptyAt : m.emptyAt);
  b.pushMapped(m, from, to);
  return b.build();
}
