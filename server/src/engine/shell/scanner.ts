/**
 * Shell tokeniser. Turns bash/sh source into a stream of tokens (words,
 * control operators, redirections) the way bash's lexer would, for the parts
 * that matter to us. A word is kept as a list of segments that say where each
 * piece of its value came from, so the expander (expand.ts) can later build
 * exact MappedStrings.
 *
 * Properties the rest of the shell layer relies on:
 * - Never throws, always makes progress, and runs in time linear in the input.
 *   Constructs whose content we never look at (command substitutions,
 *   backticks, arithmetic, exotic `${...}` forms) are skipped by one
 *   iterative, stack-based skipper, so arbitrary nesting costs no recursion.
 *   The only recursion is through `${VAR:-word}` defaults and the quotes
 *   inside them, and that is capped (MAX_DEPTH).
 * - "\r\n" is a line break everywhere a "\n" is ("\\\r\n" is a continuation);
 *   inside quotes it yields the value "\n" mapped to both characters.
 *   A lone "\r" is an ordinary character, as in bash.
 * - Unclosed constructs are reported as ShellProblems and run to the end of
 *   the text.
 */
import type { ShellProblem } from './types';

/** Characters copied (or decoded) into the value. */
export interface LitSeg {
  readonly k: 'lit';
  readonly value: string;
  /** Source span that produced the characters. */
  readonly start: number;
  readonly end: number;
  /**
   * true: value[i] is the source character at start+i (a verbatim run).
   * false: every value character maps to the whole [start, end) (an escape).
   */
  readonly copy: boolean;
  /** Inside quotes or escaped: never split into fields. */
  readonly quoted: boolean;
}

/** Start of a quoted region: the word exists even if the quotes are empty. */
export interface QuoteSeg {
  readonly k: 'quote';
  readonly start: number;
  /**
   * The region holds exactly one `$@` / `${A[@]}`-style expansion and nothing
   * else; then (as in bash) the quotes alone do not create a word.
   */
  atOnly: boolean;
}

/** A `$...` or backtick expansion; [start, end) is its whole source text. */
export interface ExpSeg {
  readonly k: 'exp';
  readonly start: number;
  readonly end: number;
  /** Inside double quotes: the result is not field-split. */
  readonly quoted: boolean;
  readonly exp: Expansion;
}

export type Segment = LitSeg | QuoteSeg | ExpSeg;

export type DefaultOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?';

export type Expansion =
  /** `$NAME`, `${NAME}` (NAME an identifier). */
  | { readonly t: 'var'; readonly name: string }
  /** `$1`, `$@`, `$*`, `$#`, `$?`, `$$`, `$!`, `$-`, `${10}`... */
  | { readonly t: 'special'; readonly name: string }
  /** `${NAME:-word}` and the other default/alternative forms. */
  | { readonly t: 'default'; readonly name: string; readonly op: DefaultOp; readonly arg: Segment[] }
  /** `${NAME[index]}`. */
  | { readonly t: 'index'; readonly name: string; readonly index: string }
  /** Anything we do not evaluate: `$(...)`, backticks, `$((...))`, `${#X}`, `${X/a/b}`... */
  | { readonly t: 'opaque' };

/**
 * A word token. Most words are a single run of plain characters; for those
 * the segment list is only built when someone asks for it.
 */
export class Word {
  /** The token kind (on the prototype: words are made by the hundred thousand). */
  get kind(): 'word' {
    return 'word';
  }

  constructor(
    private readonly src: string,
    /** Source span of the whole token, quotes included. */
    readonly start: number,
    readonly end: number,
    private s: Segment[] | null,
    /** For `NAME=( ... )` / `NAME+=( ... )`: the element words. */
    readonly array?: Word[],
  ) {}

  /** True when the word is plain unquoted text (no quotes, escapes or expansions). */
  get plain(): boolean {
    return this.s === null;
  }

  /** The plain word's text, once read (several callers ask for it). */
  private t: string | null = null;

  /** The word's source text when it is plain, else null. */
  get plainText(): string | null {
    if (this.s !== null) return null;
    return (this.t ??= this.src.slice(this.start, this.end));
  }

  get segs(): Segment[] {
    if (this.s === null) {
      this.s = [{ k: 'lit', value: this.src.slice(this.start, this.end), start: this.start, end: this.end, copy: true, quoted: false }];
    }
    return this.s;
  }
}

export type Token =
  | Word
  /** Control operators: ; ;; ;& ;;& & && | || |& ( ) and "\n". */
  | { readonly kind: 'op'; readonly op: string; readonly start: number; readonly end: number }
  /** A redirection operator; `target` says whether the next word is its operand. */
  | { readonly kind: 'redir'; readonly op: string; readonly start: number; readonly end: number; readonly target: boolean }
  /** An arithmetic command `(( ... ))`. */
  | { readonly kind: 'arith'; readonly start: number; readonly end: number }
  | { readonly kind: 'eof'; readonly start: number; readonly end: number };

/** Recursion cap for `${X:-${Y:-"..."}}` nesting; deeper forms are skipped as opaque. */
const MAX_DEPTH = 64;

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
const SP = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const AMP = 38;
const SQUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const MINUS = 45;
const SEMI = 59;
const LT = 60;
const EQ = 61;
const GT = 62;
const QUESTION = 63;
const AT = 64;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const BACKTICK = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;
const COLON = 58;
const PLUS = 43;

// Word-scanning modes.
const M_WORD = 0; // unquoted word: ends at blanks and metacharacters
const M_DQ = 1; // inside "...": ends at the closing quote
const M_BRACE = 2; // default word of an unquoted ${X:-...}: ends at }
const M_BRACE_DQ = 3; // default word of a ${X:-...} inside "...": ends at }

/** Per mode, the ASCII characters the plain-run loop must stop at. */
const SPECIAL: Uint8Array[] = [M_WORD, M_DQ, M_BRACE, M_BRACE_DQ].map((mode) => {
  const t = new Uint8Array(128);
  const set = (chars: string) => {
    for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  };
  set('\r\\$`');
  if (mode === M_WORD) set(' \t\n;&|()<>\'"');
  if (mode === M_DQ) set('"');
  if (mode === M_BRACE) set('}\'"');
  if (mode === M_BRACE_DQ) set('}"');
  return t;
});

// Contexts of the opaque skipper.
const C_PAREN = 0; // $( ... ), $(( ... )), ( ... ) process substitution, (( ... ))
const C_DQ = 1;
const C_BT = 2;
const C_BRACE = 3; // ${ ... } outside double quotes
const C_BRACE_DQ = 4; // ${ ... } inside double quotes

export function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isBlank(c: number): boolean {
  return c === SP || c === TAB;
}

/** Characters that end an unquoted word (besides line breaks). */
function isMeta(c: number): boolean {
  return c === SEMI || c === AMP || c === PIPE || c === LPAREN || c === RPAREN || c === LT || c === GT;
}

function isSpecialParam(c: number): boolean {
  return c === AT || c === STAR || c === HASH || c === QUESTION || c === DOLLAR || c === BANG || c === MINUS;
}

const ARRAY_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/;

interface PendingHeredoc {
  delim: string;
  strip: boolean;
  start: number;
  end: number;
}

export class Scanner {
  private pos = 0;
  private readonly n: number;
  private pending: PendingHeredoc[] = [];
  readonly problems: ShellProblem[] = [];

  /** `start`: where to begin (a command start), for re-reading one command of an edited document. */
  constructor(readonly text: string, start = 0) {
    this.n = text.length;
    this.pos = start;
  }

  // ---------------------------------------------------------------- helpers

  private code(p: number): number {
    return p < this.n ? this.text.charCodeAt(p) : -1;
  }

  /** Length of the line break at p ("\n" or "\r\n"), or 0. */
  private nlLen(p: number): number {
    const c = this.code(p);
    if (c === LF) return 1;
    if (c === CR && this.code(p + 1) === LF) return 2;
    return 0;
  }

  /** Length of a backslash-newline continuation at p, or 0. */
  private contLen(p: number): number {
    if (this.code(p) !== BACKSLASH) return 0;
    const l = this.nlLen(p + 1);
    return l ? l + 1 : 0;
  }

  private skipConts(p: number): number {
    let l: number;
    while ((l = this.contLen(p))) p += l;
    return p;
  }

  private problem(message: string, start: number, end: number): void {
    this.problems.push({ message, span: { start, end: Math.min(end, this.n) } });
  }

  /** Pushes source [from, to) as verbatim literal text, turning "\r\n" into "\n". */
  private pushText(segs: Segment[], from: number, to: number, quoted: boolean): void {
    const t = this.text;
    let run = from;
    for (let i = from; i + 1 < to; i++) {
      if (t.charCodeAt(i) !== CR || t.charCodeAt(i + 1) !== LF) continue;
      if (run < i) segs.push({ k: 'lit', value: t.slice(run, i), start: run, end: i, copy: true, quoted });
      segs.push({ k: 'lit', value: '\n', start: i, end: i + 2, copy: false, quoted });
      run = i + 2;
      i++;
    }
    if (run < to) segs.push({ k: 'lit', value: t.slice(run, to), start: run, end: to, copy: true, quoted });
  }

  // ----------------------------------------------------------------- tokens

  /** The next token. After the end of the text it keeps returning `eof`. */
  next(): Token {
    const t = this.text;
    const n = this.n;
    let p = this.pos;
    for (;;) {
      while (p < n) {
        const c = t.charCodeAt(p);
        if (c === SP || c === TAB) p++;
        else if (c === BACKSLASH && this.contLen(p)) p += this.contLen(p);
        else break;
      }
      if (p >= n) {
        this.pos = n;
        return { kind: 'eof', start: n, end: n };
      }
      if (t.charCodeAt(p) !== HASH) break;
      // A comment runs to the end of the line; a trailing backslash in it is not a continuation.
      const lf = t.indexOf('\n', p);
      if (lf < 0) p = n;
      else p = t.charCodeAt(lf - 1) === CR && lf - 1 > p ? lf - 1 : lf;
    }
    const c = t.charCodeAt(p);
    const nl = this.nlLen(p);
    if (nl) {
      this.pos = p + nl;
      const tok: Token = { kind: 'op', op: '\n', start: p, end: p + nl };
      if (this.pending.length) this.readHeredocBodies();
      return tok;
    }
    const c1 = this.code(p + 1);
    switch (c) {
      case SEMI:
        if (c1 === SEMI) return this.opTok(p, this.code(p + 2) === AMP ? ';;&' : ';;');
        return this.opTok(p, c1 === AMP ? ';&' : ';');
      case AMP:
        if (c1 === AMP) return this.opTok(p, '&&');
        if (c1 === GT) return this.redirAt(p, p);
        return this.opTok(p, '&');
      case PIPE:
        if (c1 === PIPE) return this.opTok(p, '||');
        return this.opTok(p, c1 === AMP ? '|&' : '|');
      case LPAREN:
        if (c1 === LPAREN) {
          const end = this.skipOpaque(p + 2, C_PAREN, 2, p, '((');
          this.pos = end;
          return { kind: 'arith', start: p, end };
        }
        return this.opTok(p, '(');
      case RPAREN:
        return this.opTok(p, ')');
      case LT:
      case GT:
        return this.redirAt(p, p);
    }
    if (isDigit(c)) {
      let k = p + 1;
      while (isDigit(this.code(k))) k++;
      const d = this.code(k);
      if ((d === LT || d === GT) && this.code(k + 1) !== LPAREN) return this.redirAt(p, k);
    }
    const w = this.scanWord(p, true);
    this.pos = w.end;
    return w;
  }

  private opTok(p: number, op: string): Token {
    this.pos = p + op.length;
    return { kind: 'op', op, start: p, end: p + op.length };
  }

  private redirTok(start: number, end: number, target: boolean): Token {
    this.pos = end;
    return { kind: 'redir', op: this.text.slice(start, end), start, end, target };
  }

  /** A redirection (or process substitution) whose operator starts at p; `start` includes an fd number. */
  private redirAt(start: number, p: number): Token {
    const c = this.code(p);
    const c1 = this.code(p + 1);
    if (c === AMP) return this.redirTok(start, p + (this.code(p + 2) === GT ? 3 : 2), true); // &> &>>
    if ((c === LT || c === GT) && c1 === LPAREN && start === p) {
      // Process substitution <( ... ) / >( ... ): an argument word we cannot evaluate.
      const end = this.skipOpaque(p + 2, C_PAREN, 1, p, c === LT ? '<(' : '>(');
      this.pos = end;
      const seg: ExpSeg = { k: 'exp', start: p, end, quoted: false, exp: { t: 'opaque' } };
      return new Word(this.text, p, end, [seg]);
    }
    if (c === LT) {
      if (c1 === LT) {
        if (this.code(p + 2) === LT) return this.redirTok(start, p + 3, true); // <<< here-string
        return this.heredocAt(start, p);
      }
      if (c1 === AMP || c1 === GT) return this.redirTok(start, p + 2, true); // <& <>
      return this.redirTok(start, p + 1, true);
    }
    // c === GT
    if (c1 === GT || c1 === AMP || c1 === PIPE) return this.redirTok(start, p + 2, true); // >> >& >|
    return this.redirTok(start, p + 1, true);
  }

  /** `<<DELIM` / `<<-DELIM`: remembers the delimiter; the body is skipped after the next line break. */
  private heredocAt(start: number, p: number): Token {
    const strip = this.code(p + 2) === MINUS;
    let k = p + (strip ? 3 : 2);
    while (isBlank(this.code(k)) || this.contLen(k)) k += this.contLen(k) || 1;
    const c = this.code(k);
    let end = p + (strip ? 3 : 2);
    if (k < this.n && !isMeta(c) && !this.nlLen(k)) {
      const w = this.scanWord(k, false);
      end = w.end;
      let delim = '';
      for (const s of w.segs) {
        if (s.k === 'lit') delim += s.value;
        else if (s.k === 'exp') delim += this.text.slice(s.start, s.end);
      }
      this.pending.push({ delim, strip, start, end });
    }
    this.pos = end;
    return { kind: 'redir', op: this.text.slice(start, p + (strip ? 3 : 2)), start, end, target: false };
  }

  private readHeredocBodies(): void {
    for (const h of this.pending) {
      const r = this.skipHeredocBody(this.pos, h.delim, h.strip);
      if (!r.found) {
        this.problem(`Here-document delimited by end of file (wanted '${h.delim}')`, h.start, h.end);
      }
      this.pos = r.end;
    }
    this.pending = [];
  }

  /** Skips here-document lines from `p` up to and including the delimiter line. */
  private skipHeredocBody(p: number, delim: string, strip: boolean): { end: number; found: boolean } {
    const t = this.text;
    const n = this.n;
    let ls = p;
    while (ls < n) {
      const lf = t.indexOf('\n', ls);
      let le = lf < 0 ? n : lf;
      if (le > ls && t.charCodeAt(le - 1) === CR) le--;
      let s = ls;
      if (strip) while (s < le && t.charCodeAt(s) === TAB) s++;
      if (le - s === delim.length && t.startsWith(delim, s)) return { end: lf < 0 ? n : lf + 1, found: true };
      if (lf < 0) break;
      ls = lf + 1;
    }
    return { end: n, found: false };
  }

  // ------------------------------------------------------------------ words

  /** Scans one word starting at p (which must not be a blank or metacharacter). */
  private scanWord(p: number, allowArray: boolean): Word {
    // Fast path: a run of plain characters ending at a blank, line break,
    // metacharacter or the end of the text.
    const t = this.text;
    const n = this.n;
    const table = SPECIAL[M_WORD];
    let q = p;
    while (q < n) {
      const c = t.charCodeAt(q);
      if (c < 128 && table[c] !== 0) break;
      q++;
    }
    if (q > p) {
      const c = this.code(q);
      if (q >= n || c === SP || c === TAB || c === LF || (c === CR && this.code(q + 1) === LF) || (isMeta(c) && !(c === LPAREN && allowArray))) {
        return new Word(t, p, q, null);
      }
    }
    const segs: Segment[] = [];
    let e = this.scanParts(p, M_WORD, segs, 0);
    if (allowArray && this.code(e) === LPAREN && this.isArrayPrefix(segs)) {
      const r = this.scanArray(e);
      return new Word(t, p, r.end, segs, r.elems);
    }
    if (e === p) {
      // Cannot happen for well-behaved callers; never stall.
      segs.push({ k: 'lit', value: t[p], start: p, end: p + 1, copy: true, quoted: false });
      e = p + 1;
    }
    return new Word(t, p, e, segs);
  }

  private isArrayPrefix(segs: Segment[]): boolean {
    let s = '';
    for (const g of segs) {
      if (g.k !== 'lit' || !g.copy || g.quoted) return false;
      s += g.value;
    }
    return ARRAY_PREFIX.test(s);
  }

  /** The elements of an array literal whose "(" is at p. */
  private scanArray(open: number): { elems: Word[]; end: number } {
    const elems: Word[] = [];
    const t = this.text;
    const n = this.n;
    let p = open + 1;
    for (;;) {
      while (p < n) {
        const c = t.charCodeAt(p);
        if (c === SP || c === TAB || c === LF) p++;
        else if (c === CR && this.code(p + 1) === LF) p += 2;
        else if (this.contLen(p)) p += this.contLen(p);
        else break;
      }
      if (p >= n) {
        this.problem('Unclosed array literal "(": it runs to the end of the file', open, open + 1);
        return { elems, end: n };
      }
      const c = t.charCodeAt(p);
      if (c === RPAREN) return { elems, end: p + 1 };
      if (c === HASH) {
        const lf = t.indexOf('\n', p);
        p = lf < 0 ? n : lf;
        continue;
      }
      if (isMeta(c)) {
        // Not valid in an array literal; skip it rather than stall.
        p++;
        continue;
      }
      const w = this.scanWord(p, false);
      elems.push(w);
      p = w.end;
    }
  }

  /**
   * Scans word material from p in `mode`, appending segments, and returns the
   * position of the terminator (not consumed) or the end of the text.
   */
  private scanParts(p: number, mode: number, segs: Segment[], depth: number): number {
    const t = this.text;
    const n = this.n;
    const table = SPECIAL[mode];
    const quoted = mode === M_DQ || mode === M_BRACE_DQ;
    let run = p;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (c >= 128 || table[c] === 0) {
        p++;
        continue;
      }
      if (c === CR) {
        if (this.code(p + 1) !== LF) {
          p++; // a lone CR is an ordinary character
          continue;
        }
        this.lit(segs, run, p, quoted);
        if (mode === M_WORD) return p;
        segs.push({ k: 'lit', value: '\n', start: p, end: p + 2, copy: false, quoted });
        p += 2;
        run = p;
        continue;
      }
      if (c === BACKSLASH) {
        const cl = this.contLen(p);
        if (cl) {
          this.lit(segs, run, p, quoted);
          p += cl;
          run = p;
          continue;
        }
        if (p + 1 >= n) {
          p++; // a trailing backslash stays literal
          continue;
        }
        const d = t.charCodeAt(p + 1);
        if (quoted) {
          // Inside double quotes only \$ \` \" \\ (and \} in ${...}) are escapes.
          if (d === DOLLAR || d === BACKTICK || d === DQUOTE || d === BACKSLASH || (mode === M_BRACE_DQ && d === RBRACE)) {
            this.lit(segs, run, p, quoted);
            segs.push({ k: 'lit', value: t[p + 1], start: p, end: p + 2, copy: false, quoted: true });
            p += 2;
            run = p;
          } else {
            p++; // literal backslash; the next character is scanned normally
          }
          continue;
        }
        this.lit(segs, run, p, quoted);
        const len = d >= 0xd800 && d <= 0xdbff && (this.code(p + 2) & 0xfc00) === 0xdc00 ? 2 : 1;
        segs.push({ k: 'lit', value: t.slice(p + 1, p + 1 + len), start: p, end: p + 1 + len, copy: false, quoted: true });
        p += 1 + len;
        run = p;
        continue;
      }
      this.lit(segs, run, p, quoted);
      switch (c) {
        case SQUOTE:
          p = this.scanSingle(p, segs);
          break;
        case DQUOTE:
          if (mode === M_DQ) return p;
          p = this.scanDouble(p, segs, depth);
          break;
        case DOLLAR:
          p = this.scanDollar(p, quoted, segs, depth);
          break;
        case BACKTICK: {
          const end = this.skipOpaque(p + 1, C_BT, 0, p, '`');
          segs.push({ k: 'exp', start: p, end, quoted, exp: { t: 'opaque' } });
          p = end;
          break;
        }
        default:
          // A terminator: blank, line break or metacharacter (word mode), or "}".
          return p;
      }
      run = p;
    }
    this.lit(segs, run, p, quoted);
    return p;
  }

  /** Pushes source [from, to) as a verbatim literal segment (if not empty). */
  private lit(segs: Segment[], from: number, to: number, quoted: boolean): void {
    if (from < to) segs.push({ k: 'lit', value: this.text.slice(from, to), start: from, end: to, copy: true, quoted });
  }

  /** '...' starting at p. */
  private scanSingle(p: number, segs: Segment[]): number {
    segs.push({ k: 'quote', start: p, atOnly: false });
    const close = this.text.indexOf("'", p + 1);
    const end = close < 0 ? this.n : close;
    this.pushText(segs, p + 1, end, true);
    if (close < 0) {
      this.problem("Unclosed single quote: the string runs to the end of the file", p, p + 1);
      return this.n;
    }
    return close + 1;
  }

  /** "..." starting at p. */
  private scanDouble(p: number, segs: Segment[], depth: number): number {
    const mark: QuoteSeg = { k: 'quote', start: p, atOnly: false };
    segs.push(mark);
    const first = segs.length;
    const e = this.scanParts(p + 1, M_DQ, segs, depth + 1);
    if (segs.length === first + 1) {
      const s = segs[first];
      if (s.k === 'exp' && ((s.exp.t === 'special' && s.exp.name === '@') || (s.exp.t === 'index' && s.exp.index === '@'))) {
        mark.atOnly = true;
      }
    }
    if (e >= this.n) {
      this.problem('Unclosed double quote: the string runs to the end of the file', p, p + 1);
      return this.n;
    }
    return e + 1;
  }

  /** $'...' whose quote is at q ($ at q-1): ANSI-C escapes are decoded. */
  private scanAnsiC(q: number, segs: Segment[]): number {
    const t = this.text;
    const n = this.n;
    segs.push({ k: 'quote', start: q - 1, atOnly: false });
    let i = q + 1;
    let run = i;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === SQUOTE) {
        this.lit(segs, run, i, true);
        return i + 1;
      }
      if (c === CR && this.code(i + 1) === LF) {
        this.lit(segs, run, i, true);
        this.escaped(segs, '\n', i, i + 2);
        i += 2;
        run = i;
        continue;
      }
      if (c !== BACKSLASH || i + 1 >= n) {
        i++;
        continue;
      }
      this.lit(segs, run, i, true);
      const d = t[i + 1];
      const simple = ANSI_SIMPLE[d];
      if (simple !== undefined) {
        this.escaped(segs, simple, i, i + 2);
        i += 2;
      } else if (d >= '0' && d <= '7') {
        let j = i + 1;
        let v = 0;
        while (j < i + 4 && j < n && t[j] >= '0' && t[j] <= '7') v = v * 8 + (t.charCodeAt(j++) - 48);
        this.escaped(segs, String.fromCharCode(v & 0xff), i, j);
        i = j;
      } else if (d === 'x' || d === 'u' || d === 'U') {
        const max = d === 'x' ? 2 : d === 'u' ? 4 : 8;
        let j = i + 2;
        while (j < i + 2 + max && j < n && /[0-9A-Fa-f]/.test(t[j])) j++;
        const v = j > i + 2 ? parseInt(t.slice(i + 2, j), 16) : -1;
        if (v < 0 || v > 0x10ffff) {
          this.escaped(segs, t.slice(i, i + 2), i, i + 2); // no digits: kept literally
          i += 2;
        } else {
          this.escaped(segs, d === 'x' ? String.fromCharCode(v) : String.fromCodePoint(v), i, j);
          i = j;
        }
      } else if (d === 'c' && i + 2 < n) {
        this.escaped(segs, String.fromCharCode(t.charCodeAt(i + 2) & 0x1f), i, i + 3);
        i += 3;
      } else {
        // Unknown escape: backslash and character are both kept.
        segs.push({ k: 'lit', value: t.slice(i, i + 2), start: i, end: i + 2, copy: true, quoted: true });
        i += 2;
      }
      run = i;
    }
    this.lit(segs, run, n, true);
    this.problem("Unclosed $'...' string: it runs to the end of the file", q - 1, q + 1);
    return n;
  }

  /** A decoded escape: every character maps to the whole escape [from, to). */
  private escaped(segs: Segment[], value: string, from: number, to: number): void {
    segs.push({ k: 'lit', value, start: from, end: to, copy: false, quoted: true });
  }

  /** A `$` at p (outside single quotes). */
  private scanDollar(p: number, quoted: boolean, segs: Segment[], depth: number): number {
    const t = this.text;
    const q = this.skipConts(p + 1);
    const c = this.code(q);
    if (c < 0) return this.literalDollar(p, quoted, segs);
    if (c === SQUOTE && !quoted) return this.scanAnsiC(q, segs);
    if (c === DQUOTE && !quoted) return this.scanDouble(q, segs, depth); // $"..." (locale string)
    if (c === LPAREN) {
      const arith = this.code(q + 1) === LPAREN;
      const end = arith ? this.skipOpaque(q + 2, C_PAREN, 2, p, '$((') : this.skipOpaque(q + 1, C_PAREN, 1, p, '$(');
      segs.push({ k: 'exp', start: p, end, quoted, exp: { t: 'opaque' } });
      return end;
    }
    if (c === LBRACE) return this.scanBrace(p, q + 1, quoted, segs, depth);
    if (isNameStart(c)) {
      let e = q + 1;
      while (isNameChar(this.code(e))) e++;
      segs.push({ k: 'exp', start: p, end: e, quoted, exp: { t: 'var', name: t.slice(q, e) } });
      return e;
    }
    if (isDigit(c) || isSpecialParam(c)) {
      segs.push({ k: 'exp', start: p, end: q + 1, quoted, exp: { t: 'special', name: t[q] } });
      return q + 1;
    }
    return this.literalDollar(p, quoted, segs);
  }

  private literalDollar(p: number, quoted: boolean, segs: Segment[]): number {
    segs.push({ k: 'lit', value: '$', start: p, end: p + 1, copy: true, quoted });
    return p + 1;
  }

  /** An expansion we do not evaluate: `${` at p, skipped from r. */
  private opaqueBrace(p: number, r: number, quoted: boolean, segs: Segment[]): number {
    const end = this.skipOpaque(r, quoted ? C_BRACE_DQ : C_BRACE, 0, p, '${');
    segs.push({ k: 'exp', start: p, end, quoted, exp: { t: 'opaque' } });
    return end;
  }

  /** `${...}`: `$` at p, r just after the `{`. */
  private scanBrace(p: number, r: number, quoted: boolean, segs: Segment[], depth: number): number {
    const t = this.text;
    const c = this.code(r);
    let e = r;
    let ident = false;
    if (isNameStart(c)) {
      ident = true;
      e++;
      while (isNameChar(this.code(e))) e++;
    } else if (isDigit(c)) {
      e++;
      while (isDigit(this.code(e))) e++;
    } else if (isSpecialParam(c) && c !== BANG && !(c === HASH && this.code(r + 1) !== RBRACE)) {
      e++; // ${@} ${*} ${#} ${?} ...; ${#X} and ${!X} are opaque
    } else {
      return this.opaqueBrace(p, r, quoted, segs);
    }
    const name = t.slice(r, e);
    const c2 = this.code(e);
    if (c2 === RBRACE) {
      const exp: Expansion = ident ? { t: 'var', name } : { t: 'special', name };
      segs.push({ k: 'exp', start: p, end: e + 1, quoted, exp });
      return e + 1;
    }
    if (c2 === LBRACKET && ident) {
      // A plain subscript: no nesting, no line break, short.
      let close = e + 1;
      const limit = Math.min(this.n, e + 256);
      while (close < limit) {
        const ch = t.charCodeAt(close);
        if (ch === RBRACKET || ch === RBRACE || ch === LF || ch === LBRACKET || ch === DOLLAR) break;
        close++;
      }
      if (this.code(close) === RBRACKET && this.code(close + 1) === RBRACE) {
        segs.push({ k: 'exp', start: p, end: close + 2, quoted, exp: { t: 'index', name, index: t.slice(e + 1, close) } });
        return close + 2;
      }
      return this.opaqueBrace(p, r, quoted, segs);
    }
    let opLen = 0;
    if (c2 === COLON) {
      const c3 = this.code(e + 1);
      if (c3 === MINUS || c3 === EQ || c3 === PLUS || c3 === QUESTION) opLen = 2;
    } else if (c2 === MINUS || c2 === EQ || c2 === PLUS || c2 === QUESTION) {
      opLen = 1;
    }
    if (opLen === 0 || depth >= MAX_DEPTH) return this.opaqueBrace(p, r, quoted, segs);
    const op = t.slice(e, e + opLen) as DefaultOp;
    const arg: Segment[] = [];
    const stop = this.scanParts(e + opLen, quoted ? M_BRACE_DQ : M_BRACE, arg, depth + 1);
    let end: number;
    if (stop >= this.n) {
      this.problem('Unclosed "${": the expansion runs to the end of the file', p, p + 2);
      end = this.n;
    } else {
      end = stop + 1;
    }
    segs.push({ k: 'exp', start: p, end, quoted, exp: { t: 'default', name, op, arg } });
    return end;
  }

  // ----------------------------------------------------------------- opaque

  /**
   * Skips the body of a construct we do not evaluate, starting at p inside
   * context `ctx` (for C_PAREN, `depth` open parentheses). Returns the
   * position just after its closer, or the end of the text (reporting a
   * problem at [openStart, openStart + label.length)). Iterative: nesting uses
   * an explicit stack.
   */
  private skipOpaque(p: number, ctx: number, depth: number, openStart: number, label: string): number {
    const t = this.text;
    const n = this.n;
    const stack: number[] = [ctx];
    const depths: number[] = [depth];
    let heredocs: { delim: string; strip: boolean }[] | null = null;
    let wordStart = true;
    while (p < n) {
      const top = stack[stack.length - 1];
      const c = t.charCodeAt(p);
      if (c === BACKSLASH) {
        p += this.contLen(p) || 2;
        wordStart = false;
        continue;
      }
      if (top === C_PAREN) {
        const nl = c === LF ? 1 : c === CR ? this.nlLen(p) : 0;
        if (nl) {
          p += nl;
          if (heredocs !== null) {
            for (const h of heredocs) p = this.skipHeredocBody(p, h.delim, h.strip).end;
            heredocs = null;
          }
          wordStart = true;
          continue;
        }
        if (c === HASH && wordStart) {
          const lf = t.indexOf('\n', p);
          p = lf < 0 ? n : t.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
          continue;
        }
        wordStart = isBlank(c) || isMeta(c);
        if (c === SQUOTE) {
          const close = t.indexOf("'", p + 1);
          p = close < 0 ? n : close + 1;
        } else if (c === DQUOTE) {
          stack.push(C_DQ);
          depths.push(0);
          p++;
        } else if (c === BACKTICK) {
          stack.push(C_BT);
          depths.push(0);
          p++;
        } else if (c === DOLLAR) {
          const c1 = this.code(p + 1);
          if (c1 === LPAREN) {
            stack.push(C_PAREN);
            depths.push(1);
            p += 2;
          } else if (c1 === LBRACE) {
            stack.push(C_BRACE);
            depths.push(0);
            p += 2;
          } else if (c1 === SQUOTE) {
            let k = p + 2;
            while (k < n && t.charCodeAt(k) !== SQUOTE) k += t.charCodeAt(k) === BACKSLASH ? 2 : 1;
            p = k + 1;
          } else {
            p++;
          }
        } else if (c === LPAREN) {
          depths[depths.length - 1]++;
          p++;
        } else if (c === RPAREN) {
          p++;
          if (--depths[depths.length - 1] === 0) {
            stack.pop();
            depths.pop();
            if (stack.length === 0) return p;
          }
        } else if (c === LT && this.code(p + 1) === LT && this.code(p + 2) !== LT) {
          p = this.opaqueHeredoc(p + 2, (heredocs ??= []));
        } else {
          p++;
        }
        continue;
      }
      if (top === C_BT) {
        p++;
        if (c === BACKTICK) {
          stack.pop();
          depths.pop();
          if (stack.length === 0) return p;
        }
        continue;
      }
      // C_DQ, C_BRACE, C_BRACE_DQ
      const closer = top === C_DQ ? DQUOTE : RBRACE;
      if (c === closer) {
        p++;
        stack.pop();
        depths.pop();
        if (stack.length === 0) return p;
      } else if (c === DQUOTE) {
        stack.push(C_DQ);
        depths.push(0);
        p++;
      } else if (c === SQUOTE && top === C_BRACE) {
        const close = t.indexOf("'", p + 1);
        p = close < 0 ? n : close + 1;
      } else if (c === BACKTICK) {
        stack.push(C_BT);
        depths.push(0);
        p++;
      } else if (c === DOLLAR && this.code(p + 1) === LPAREN) {
        stack.push(C_PAREN);
        depths.push(1);
        p += 2;
      } else if (c === DOLLAR && this.code(p + 1) === LBRACE) {
        stack.push(top === C_BRACE ? C_BRACE : C_BRACE_DQ);
        depths.push(0);
        p += 2;
      } else {
        p++;
      }
    }
    this.problem(`Unclosed "${label}": it runs to the end of the file`, openStart, openStart + label.length);
    return n;
  }

  /** A here-document operator inside skipped text; p is just after "<<". */
  private opaqueHeredoc(p: number, out: { delim: string; strip: boolean }[]): number {
    const t = this.text;
    const n = this.n;
    const strip = this.code(p) === MINUS;
    if (strip) p++;
    while (isBlank(this.code(p))) p++;
    let delim = '';
    while (p < n) {
      const c = t.charCodeAt(p);
      if (isBlank(c) || isMeta(c) || c === LF || this.nlLen(p)) break;
      if (c === SQUOTE || c === DQUOTE) {
        const close = t.indexOf(t[p], p + 1);
        const end = close < 0 ? n : close;
        delim += t.slice(p + 1, end);
        p = close < 0 ? n : close + 1;
      } else if (c === BACKSLASH && p + 1 < n) {
        delim += t[p + 1];
        p += 2;
      } else {
        delim += t[p];
        p++;
      }
    }
    if (delim) out.push({ delim, strip });
    return p;
  }
}

const ANSI_SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};
