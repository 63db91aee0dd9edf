/**
 * A MappedString is a string value (what a program would receive as an
 * argument) together with, for each of its characters, the document span the
 * character came from. Shell quoting, backslash escapes, line continuations,
 * variable expansions and XML entities all make a value differ from its
 * source text; the map lets every parser work on plain values while every
 * diagnostic still lands on the exact source characters.
 *
 * The map is stored as runs, not per character (values are made by the
 * hundred thousand and most are copied verbatim from the document):
 * - a literal run maps value index i to document span [d + i - v, d + i - v + 1)
 *   (characters copied verbatim; v is the run's first value index, d its
 *   document offset);
 * - a spanned run maps every one of its characters to one span [s, e) (an
 *   escape, an entity, a generated argument, a decoded line break).
 * A value that is one literal run with nothing unknown (most words) holds
 * no array at all: character i maps to [emptyAt + i, emptyAt + i + 1).
 * Read the map only through startAt / endAt / mapSpan and friends.
 */
import { Span } from './text';

/** Shared by every value with no unknown range (never mutated). */
const NO_UNKNOWN: readonly Span[] = Object.freeze([]);

/**
 * The runs of a map, flat: per run three numbers [key, s, e].
 * key >= 0: a literal run starting at value index key, character key maps to
 * [s, s + 1) (e is unused, 0). key < 0: a spanned run starting at value index
 * ~key, every character maps to [s, e).
 */
type Runs = readonly number[];

/** What only some values need: a map other than one literal run, unknown ranges. */
interface Extra {
  /** The map as runs, or null when it is one literal run starting at emptyAt. */
  readonly runs: Runs | null;
  readonly unknown: readonly Span[];
}

export class MappedString {
  /**
   * Made by literal(), synthetic() and MappedBuilder; not meant to be called
   * elsewhere.
   * @param text the value
   * @param emptyAt where the value sits in the document when it has no
   *   characters; otherwise the start of its first character's span
   * @param x null for the common value: one literal run starting at emptyAt,
   *   nothing unknown
   */
  constructor(
    readonly text: string,
    readonly emptyAt: number,
    /** @internal */ readonly x: Extra | null,
  ) {}

  /**
   * Ranges of `text` (value coordinates) that are unresolved expansions kept
   * verbatim (`$VAR`, `$(cmd)`, ...). Their content is not known: rules must
   * not judge a value that overlaps one.
   */
  get unknown(): readonly Span[] {
    return this.x === null ? NO_UNKNOWN : this.x.unknown;
  }
}

/** A value: with no runs its map is one literal run from emptyAt (the first character's start). */
function make(text: string, emptyAt: number, runs: Runs | null, unknown: readonly Span[]): MappedString {
  return new MappedString(text, emptyAt, runs === null && unknown.length === 0 ? null : { runs, unknown });
}

/** Index in `runs` (a multiple of 3) of the run holding value index i (0 <= i < length). */
function runAt(runs: Runs, i: number): number {
  let lo = 0;
  let hi = runs.length / 3 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const k = runs[mid * 3];
    if ((k < 0 ? ~k : k) <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo * 3;
}

/** Start of the document span that produced value character i (0 <= i < m.text.length). */
export function startAt(m: MappedString, i: number): number {
  const runs = m.x === null ? null : m.x.runs;
  if (runs === null) return m.emptyAt + i;
  const r = runAt(runs, i);
  const k = runs[r];
  return k < 0 ? runs[r + 1] : runs[r + 1] + i - k;
}

/** End of the document span that produced value character i (0 <= i < m.text.length). */
export function endAt(m: MappedString, i: number): number {
  const runs = m.x === null ? null : m.x.runs;
  if (runs === null) return m.emptyAt + i + 1;
  const r = runAt(runs, i);
  const k = runs[r];
  return k < 0 ? runs[r + 2] : runs[r + 1] + i - k + 1;
}

/** A value that appears literally in the document at `start`. */
export function literal(text: string, start: number): MappedString {
  return new MappedString(text, start, null);
}

/** A value all of whose characters map to one span (e.g. a generated argument). */
export function synthetic(text: string, where: Span): MappedString {
  const { start, end } = where;
  if (text.length === 0 || (text.length === 1 && end === start + 1)) return new MappedString(text, start, null);
  return make(text, start, [-1, start, end], NO_UNKNOWN);
}

/** Builds a MappedString piece by piece. Adjacent runs that continue each other are merged. */
export class MappedBuilder {
  private text = '';
  private n = 0;
  /** Null while the map is empty or one literal run starting at `base`. */
  private runs: number[] | null = null;
  private base = 0;
  private unk: Span[] | null = null;
  constructor(private emptyAt: number) {}

  get length(): number {
    return this.n;
  }

  /** Appends one value character produced by source span [start, end). */
  push(ch: string, start: number, end: number): void {
    this.text += ch;
    this.spanRun(ch.length, start, end);
  }

  /** Appends characters copied literally from the document at `start`. */
  pushLiteral(text: string, start: number): void {
    this.text += text;
    this.literalRun(text.length, start);
  }

  /** Appends (a slice of) another mapped string, keeping its map and unknown ranges. */
  pushMapped(m: MappedString, from = 0, to = m.text.length): void {
    const base = this.n;
    this.pushRange(m, from, to);
    for (const u of m.unknown) {
      const a = Math.max(u.start, from);
      const b = Math.min(u.end, to);
      if (a < b || (u.start === u.end && u.start >= from && u.start <= to)) {
        this.markUnknown(base + a - from, base + b - from);
      }
    }
  }

  /**
   * Appends value characters [from, to) of `m` with their map, but not its
   * unknown ranges (the caller decides about those).
   */
  pushRange(m: MappedString, from = 0, to = m.text.length): void {
    const n = m.text.length;
    if (from < 0) from = 0;
    if (to > n) to = n;
    if (to <= from) return;
    this.text += from === 0 && to === n ? m.text : m.text.slice(from, to);
    const runs = m.x === null ? null : m.x.runs;
    if (runs === null) {
      this.literalRun(to - from, m.emptyAt + from);
      return;
    }
    for (let r = runAt(runs, from); r < runs.length; r += 3) {
      const k = runs[r];
      const v = k < 0 ? ~k : k;
      if (v >= to) break;
      const next = r + 3 < runs.length ? runs[r + 3] : n;
      const vEnd = Math.min(to, next < 0 ? ~next : next);
      const a = Math.max(from, v);
      if (k < 0) this.spanRun(vEnd - a, runs[r + 1], runs[r + 2]);
      else this.literalRun(vEnd - a, runs[r + 1] + a - v);
    }
  }

  /** Marks value range [start, end) (value coordinates) as unknown. */
  markUnknown(start: number, end: number): void {
    if (this.unk === null) this.unk = [];
    this.unk.push({ start, end });
  }

  /**
   * The value built so far. The builder can go on: the value gets its own
   * exact-size copies of the arrays (values are kept, builders are not).
   */
  build(): MappedString {
    const runs = this.runs === null ? null : this.runs.slice();
    // emptyAt: the first character's start (so a value without runs is one literal run from emptyAt).
    const emptyAt = this.n === 0 ? this.emptyAt : runs === null ? this.base : runs[1];
    return make(this.text, emptyAt, runs, this.unk === null ? NO_UNKNOWN : this.unk.slice());
  }

  /** `len` characters copied verbatim from document offset d. */
  private literalRun(len: number, d: number): void {
    if (len <= 0) return;
    const n = this.n;
    let runs = this.runs;
    if (runs === null) {
      if (n === 0) {
        this.base = d;
        this.n = len;
        return;
      }
      if (d === this.base + n) {
        this.n = n + len;
        return;
      }
      runs = this.runs = [0, this.base, 0];
    } else {
      const last = runs.length - 3;
      const k = runs[last];
      if (k >= 0 && runs[last + 1] + n - k === d) {
        this.n = n + len;
        return;
      }
    }
    runs.push(n, d, 0);
    this.n = n + len;
  }

  /** `len` characters that all map to [s, e). */
  private spanRun(len: number, s: number, e: number): void {
    if (len <= 0) return;
    if (len === 1 && e === s + 1) {
      // One character mapped to one source character: the same as a literal run.
      this.literalRun(1, s);
      return;
    }
    const n = this.n;
    let runs = this.runs;
    if (runs === null) {
      runs = this.runs = n === 0 ? [] : [0, this.base, 0];
    } else {
      const last = runs.length - 3;
      if (runs[last] < 0 && runs[last + 1] === s && runs[last + 2] === e) {
        this.n = n + len;
        return;
      }
    }
    runs.push(~n, s, e);
    this.n = n + len;
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
    const e = endAt(m, n - 1);
    return { start: e, end: e };
  }
  const a = Math.max(0, from);
  const b = Math.min(n, to);
  if (b <= a) {
    const s = startAt(m, a);
    return { start: s, end: s };
  }
  const start = startAt(m, a);
  const end = endAt(m, b - 1);
  if (end >= start) return { start, end };
  return { start, end: endAt(m, a) };
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
  return n > 1 && startAt(m, 0) === startAt(m, n - 1) && endAt(m, 0) === endAt(m, n - 1);
}

/** A sub-value of `m`, keeping the map. */
export function sliceMapped(m: MappedString, from: number, to: number): MappedString {
  const b = new MappedBuilder(from >= 0 && from < m.text.length ? startAt(m, from) : m.emptyAt);
  b.pushMapped(m, from, to);
  return b.build();
}
