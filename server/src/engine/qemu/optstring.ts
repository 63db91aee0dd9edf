/**
 * The three option-string syntaxes QEMU 7.2 uses for the arguments we lint:
 *
 *  - QemuOpts (util/qemu-option.c): -device and -object key=value, -m, -numa;
 *  - keyval (util/keyval.c): -machine/-M;
 *  - JSON (qobject/json-lexer.c, json-streamer.c, json-parser.c): -object and
 *    -device when the argument starts with '{'.
 *
 * Every parser works on a plain string and reports offsets into it. None of
 * them throws. Behaviours marked "verified" were checked against the real
 * qemu-system-x86_64 7.2 (see test/unit/qemu/optstring.test.ts).
 */
import type { JsonType, OptEntry, OptError, ParsedOpts } from './types';

// ---------------------------------------------------------------------------
// QemuOpts

/**
 * Reads a QemuOpts value starting at `p` up to the next single ','; ",," is
 * a literal comma (get_opt_value). Returns the decoded value and the offset
 * of the terminating ',' (or the end).
 */
function readOptValue(s: string, p: number): { value: string; end: number } {
  let value = '';
  for (;;) {
    let offset = s.indexOf(',', p);
    if (offset < 0) offset = s.length;
    if (offset < s.length && s[offset + 1] === ',') {
      value += s.slice(p, offset + 1);
      p = offset + 2;
      continue;
    }
    value += s.slice(p, offset);
    return { value, end: offset };
  }
}

/** strcspn(s + p, "=,") as an absolute offset. */
function nameEnd(s: string, p: number): number {
  const n = s.length;
  let i = p;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3d /* = */ || c === 0x2c /* , */) break;
  }
  return i;
}

/**
 * QemuOpts as read by opts_do_parse() (with firstname = impliedKey):
 *
 *  - elements are separated by single commas; a trailing comma is ignored;
 *  - in values ",," is a literal comma; keys cannot contain commas (a key
 *    ends at the first '=' or ','), so "a,,b=1" is the flag "a", an empty
 *    flag "" and b=1 (verified);
 *  - the first element without '=' is the implied key's value when
 *    impliedKey is non-null (its ",," are decoded too: "nvdimm,,x" is the
 *    driver "nvdimm,x");
 *  - any other element without '=' is a deprecated short-form boolean:
 *    "share" is share=on, "noshare" is share=off (any name starting with
 *    "no" loses it: "noid" is id=off, verified). Such entries have `bare`;
 *    their key range covers the whole flag as written ("noshare") and
 *    their value range is empty at its end. "help" and "?" are help
 *    requests, recorded the same way (QEMU prints no warning for them);
 *  - every element is recorded, duplicates and "id" included; the model
 *    decides: last wins in general, first wins for "id" (see qemuOptsId).
 *
 * QemuOpts syntax itself cannot fail, so `errors` is always empty; unknown,
 * empty or malformed keys are for the caller to judge.
 */
export function parseQemuOpts(s: string, impliedKey: string | null): ParsedOpts {
  const entries: OptEntry[] = [];
  let p = 0;
  let first = true;
  while (p < s.length) {
    const e = nameEnd(s, p);
    let next: number;
    if (s[e] !== '=') {
      if (first && impliedKey !== null) {
        const v = readOptValue(s, p);
        entries.push({
          key: impliedKey,
          keyFrom: p,
          keyTo: p,
          value: v.value,
          valueFrom: p,
          valueTo: v.end,
          implied: true,
        });
        next = v.end;
      } else {
        const name = s.slice(p, e);
        const off = name.startsWith('no');
        entries.push({
          key: off ? name.slice(2) : name,
          keyFrom: p,
          keyTo: e,
          value: off ? 'off' : 'on',
          valueFrom: e,
          valueTo: e,
          implied: false,
          bare: off ? 'off' : 'on',
        });
        next = e;
      }
    } else {
      const v = readOptValue(s, e + 1);
      entries.push({
        key: s.slice(p, e),
        keyFrom: p,
        keyTo: e,
        value: v.value,
        valueFrom: e + 1,
        valueTo: v.end,
        implied: false,
      });
      next = v.end;
    }
    first = false;
    p = s[next] === ',' ? next + 1 : next;
  }
  return { syntax: 'qemuopts', entries, errors: [] };
}

/**
 * The id QemuOpts gives the -device/-object (opts_parse_id): the FIRST "id"
 * element, read without an implied key. So "id=a,id=b" is "a" (verified: a
 * later reference to "b" fails), and the flag "noid" is the id "off".
 * Null when there is none.
 */
export function qemuOptsId(s: string): OptEntry | null {
  for (const e of parseQemuOpts(s, null).entries) {
    if (e.key === 'id') return e;
  }
  return null;
}

/**
 * QEMU's identifier rule for QemuOpts ids (util/id.c id_wellformed): a letter,
 * then letters, digits, '-', '.' and '_'. Verified: "-object ...,id=1m" fails
 * with ID_ERROR_MESSAGE and ID_ERROR_HINT; JSON -device ids are not checked.
 */
export function idWellformed(id: string): boolean {
  return /^[A-Za-z][A-Za-z0-9._-]*$/.test(id);
}

export const ID_ERROR_MESSAGE = "Parameter 'id' expects an identifier";
export const ID_ERROR_HINT = "Identifiers consist of letters, digits, '-', '.', '_', starting with a letter.";

/** Whether a QemuOpts bare flag is a help request (is_help_option). */
export function isHelpFlag(e: OptEntry): boolean {
  return e.bare === 'on' && (e.key === 'help' || e.key === '?');
}

/** QEMU's two-line warning for a short-form boolean entry (util/qemu-option.c). */
export function bareFlagWarning(e: OptEntry): string {
  const prefix = e.bare === 'off' ? 'no' : '';
  const hint =
    e.key === 'delay'
      ? `Please use nodelay=${prefix ? 'on' : 'off'} instead`
      : `Please use ${e.key}=${e.value} instead`;
  return `short-form boolean option '${prefix}${e.key}' deprecated\n${hint}`;
}

// ---------------------------------------------------------------------------
// keyval

/** Length of a QAPI name at s[p..] (parse_qapi_name, complete = false), or 0. */
function qapiNameLength(s: string, p: number, end: number): number {
  let i = p;
  // Character tests by code (charCodeAt past the end is NaN: neither).
  const isAlpha = (k: number) => {
    const c = s.charCodeAt(k) | 0x20;
    return c >= 0x61 && c <= 0x7a;
  };
  const isAlnum = (k: number) => {
    const c = s.charCodeAt(k);
    return (c >= 0x30 && c <= 0x39) || isAlpha(k);
  };
  if (s[i] === '_') {
    // Downstream extension prefix "__RFQDN_".
    i++;
    if (s[i] !== '_') return 0;
    i++;
    while (i < end && (isAlnum(i) || s[i] === '-' || s[i] === '.')) i++;
    if (s[i] !== '_') return 0;
    i++;
  }
  if (!isAlpha(i)) return 0;
  while (i < end && (isAlnum(i) || s[i] === '-' || s[i] === '_')) i++;
  return i - p;
}

type KvNode = { kind: 'scalar' } | { kind: 'dict'; children: Map<string, KvNode> };

/**
 * keyval as read by keyval_parse_into() (used by -machine/-M):
 *
 *  - the first element without '=' is the implied key's value when
 *    impliedKey is non-null; that value ends at the first ',' (no ",,"
 *    escape there: "pc,,x" fails with "Invalid parameter ''", verified);
 *  - other elements must be key=value: "pc,nvdimm" fails with
 *    "Expected '=' after parameter 'nvdimm'" (verified);
 *  - keys are dotted QAPI names (fragments after the first may be list
 *    indexes) and are kept as written; a bad key is "Invalid parameter 'k'";
 *  - in values ",," is a literal comma; a trailing comma is ignored;
 *  - "help" or "?" alone asks for help (recorded with key "help"/"?" and
 *    bare 'on');
 *  - a key used both as a scalar and as a prefix fails with
 *    "Parameters 'nvdimm.*' used inconsistently" (verified);
 *  - duplicates are recorded; the last one wins (the model's business).
 *
 * Parsing stops at the first error, as QEMU does; entries before it are kept.
 * Not modelled: keyval_listify's checks on list indexes.
 */
export function parseKeyval(s: string, impliedKey: string | null): ParsedOpts {
  const entries: OptEntry[] = [];
  const errors: OptError[] = [];
  const root = new Map<string, KvNode>();
  let p = 0;
  let implied = impliedKey;
  const done = (): ParsedOpts => ({ syntax: 'keyval', entries, errors });

  while (p < s.length) {
    const keyEnd = nameEnd(s, p);
    const len = keyEnd - p;
    if (len > 0 && s[keyEnd] !== '=') {
      const word = s.slice(p, keyEnd);
      if (word === 'help' || word === '?') {
        entries.push({
          key: word,
          keyFrom: p,
          keyTo: keyEnd,
          value: 'on',
          valueFrom: keyEnd,
          valueTo: keyEnd,
          implied: false,
          bare: 'on',
        });
        p = s[keyEnd] === ',' ? keyEnd + 1 : keyEnd;
        implied = null;
        continue;
      }
      if (implied !== null) {
        entries.push({
          key: implied,
          keyFrom: p,
          keyTo: p,
          value: word,
          valueFrom: p,
          valueTo: keyEnd,
          implied: true,
        });
        if (putPath(root, [implied]) !== null) {
          errors.push({ message: `Parameters '${implied}.*' used inconsistently`, from: p, to: keyEnd });
          return done();
        }
        p = s[keyEnd] === ',' ? keyEnd + 1 : keyEnd;
        implied = null;
        continue;
      }
    }
    implied = null;

    // Walk the key's fragments.
    const key = s.slice(p, keyEnd);
    const fragments: string[] = [];
    let f = p;
    for (;;) {
      let flen: number;
      if (f !== p && s[f] >= '0' && s[f] <= '9') {
        let i = f;
        while (i < keyEnd && s[i] >= '0' && s[i] <= '9') i++;
        flen = i - f;
      } else {
        flen = qapiNameLength(s, f, keyEnd);
      }
      if (flen === 0 || (f + flen < keyEnd && s[f + flen] !== '.')) {
        errors.push({ message: `Invalid parameter '${key}'`, from: p, to: keyEnd });
        return done();
      }
      if (flen >= 128) {
        const frag = f !== p || f + flen !== keyEnd ? ' fragment' : '';
        errors.push({
          message: `Parameter${frag} '${s.slice(f, f + flen)}' is too long`,
          from: f,
          to: f + flen,
        });
        return done();
      }
      fragments.push(s.slice(f, f + flen));
      f += flen;
      if (s[f] !== '.') break;
      f++;
    }
    if (s[f] !== '=') {
      errors.push({ message: `Expected '=' after parameter '${s.slice(p, f)}'`, from: p, to: f });
      return done();
    }
    const v = readKeyvalValue(s, f + 1);
    const bad = putPath(root, fragments);
    if (bad !== null) {
      const prefix = fragments.slice(0, bad + 1).join('.');
      errors.push({ message: `Parameters '${prefix}.*' used inconsistently`, from: p, to: keyEnd });
      return done();
    }
    entries.push({
      key,
      keyFrom: p,
      keyTo: keyEnd,
      value: v.value,
      valueFrom: f + 1,
      valueTo: v.end,
      implied: false,
    });
    p = s[v.end] === ',' ? v.end + 1 : v.end;
  }
  return done();
}

/** keyval value: up to a single ','; ",," is a comma. */
function readKeyvalValue(s: string, p: number): { value: string; end: number } {
  let value = '';
  let from = p; // start of the stretch not yet copied into `value`
  let i = p;
  while (i < s.length) {
    if (s.charCodeAt(i) === 0x2c /* , */) {
      if (s.charCodeAt(i + 1) !== 0x2c) break;
      value += s.slice(from, i + 1); // ",," is one comma
      i += 2;
      from = i;
      continue;
    }
    i++;
  }
  value += s.slice(from, i);
  return { value, end: i };
}

/**
 * Records a scalar at `path` (keyval_parse_put). Returns null, or the index
 * of the fragment whose use clashes with an earlier key.
 */
function putPath(root: Map<string, KvNode>, path: string[]): number | null {
  let cur = root;
  for (let i = 0; i < path.length; i++) {
    const last = i === path.length - 1;
    const old = cur.get(path[i]);
    if (last) {
      if (old && old.kind !== 'scalar') return i;
      cur.set(path[i], { kind: 'scalar' });
      return null;
    }
    if (old) {
      if (old.kind !== 'dict') return i;
      cur = old.children;
    } else {
      const node: KvNode = { kind: 'dict', children: new Map() };
      cur.set(path[i], node);
      cur = node.children;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// JSON

/**
 * QEMU treats an -object/-device argument as JSON exactly when its first
 * character is '{' (vl.c: optarg[0] == '{'). Leading whitespace makes it
 * QemuOpts (verified: " {...}" is parsed as key=value).
 */
export function detectSyntax(s: string): 'json' | 'kv' {
  return s.charCodeAt(0) === 0x7b ? 'json' : 'kv';
}

/** json-streamer.c MAX_NESTING. */
const MAX_NESTING = 1024;

type TokType = 'lcurly' | 'rcurly' | 'lsquare' | 'rsquare' | 'comma' | 'colon' | 'string' | 'integer' | 'float' | 'keyword';

interface Token {
  readonly type: TokType;
  readonly from: number;
  readonly to: number;
}

class JsonFail {
  constructor(
    readonly message: string,
    readonly from: number,
    readonly to: number,
  ) {}
}

const STRUCTURAL: Readonly<Record<string, TokType>> = {
  '{': 'lcurly',
  '}': 'rcurly',
  '[': 'lsquare',
  ']': 'rsquare',
  ',': 'comma',
  ':': 'colon',
};

/**
 * QEMU's JSON lexer (qobject/json-lexer.c, without interpolation): strings in
 * double or single quotes (no raw control characters; escapes are checked by
 * the parser), RFC 7159 numbers (no leading zeros, no '+', no bare '.'),
 * keywords [a-z]+, whitespace ' ' \t \r \n. A lexing error yields a token of
 * the characters read so far including the offending one; QEMU reports it as
 * "JSON parse error, stray '<text>'" (verified: "01", "1.}", "-}", "T", "\"a").
 */
function lexOne(s: string, i: number): Token | JsonFail | null {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\r' || s[i] === '\n')) i++;
  if (i >= s.length) return null;
  const start = i;
  const c = s[i];
  const stray = (end: number) => new JsonFail(`JSON parse error, stray '${s.slice(start, end)}'`, start, end);
  const structural = STRUCTURAL[c];
  if (structural) return { type: structural, from: i, to: i + 1 };
  if (c === '"' || c === "'") {
    i++;
    for (;;) {
      if (i >= s.length) return stray(i);
      const ch = s[i];
      if (ch.charCodeAt(0) < 0x20) return stray(i + 1);
      if (ch === c) return { type: 'string', from: start, to: i + 1 };
      if (ch === '\\') {
        i++;
        if (i >= s.length) return stray(i);
        if (s[i].charCodeAt(0) < 0x20) return stray(i + 1);
      }
      i++;
    }
  }
  if (c >= 'a' && c <= 'z') {
    while (i < s.length && s[i] >= 'a' && s[i] <= 'z') i++;
    return { type: 'keyword', from: start, to: i };
  }
  if (c === '-' || (c >= '0' && c <= '9')) {
    const digit = (k: number) => k < s.length && s[k] >= '0' && s[k] <= '9';
    // Each failing step consumes the offending character (or stops at the end).
    const failAt = (k: number) => stray(Math.min(k + 1, s.length));
    if (c === '-') {
      i++;
      if (!digit(i)) return failAt(i);
    }
    if (s[i] === '0') {
      i++;
      if (digit(i)) return failAt(i);
    } else {
      while (digit(i)) i++;
    }
    let type: TokType = 'integer';
    if (s[i] === '.') {
      i++;
      if (!digit(i)) return failAt(i);
      while (digit(i)) i++;
      type = 'float';
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (!digit(i)) return failAt(i);
      while (digit(i)) i++;
      type = 'float';
    }
    return { type, from: start, to: i };
  }
  return stray(i + 1);
}

/** A noncharacter or surrogate is "not a valid Unicode character" to QEMU. */
function validCodepoint(cp: number): boolean {
  if (cp < 0 || cp > 0x10ffff) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return false;
  return true;
}

/** Decodes a string token (json-parser.c parse_string). */
function decodeString(s: string, tok: Token): string | JsonFail {
  let out = '';
  let i = tok.from + 1;
  const end = tok.to - 1;
  const hex4 = (k: number): number => {
    const h = s.slice(k, k + 4);
    return /^[0-9A-Fa-f]{4}$/.test(h) ? parseInt(h, 16) : -1;
  };
  while (i < end) {
    const ch = s[i];
    if (ch !== '\\') {
      const cp = s.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      if (!validCodepoint(cp)) return new JsonFail('JSON parse error, invalid UTF-8 sequence in string', i, i + width);
      out += s.slice(i, i + width);
      i += width;
      continue;
    }
    const beg = i;
    const e = s[i + 1];
    i += 2;
    switch (e) {
      case '"':
        out += '"';
        break;
      case "'":
        out += "'";
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        let cp = hex4(i);
        i += 4;
        if (cp >= 0xd800 && cp <= 0xdbff && s[i] === '\\' && s[i + 1] === 'u') {
          const trailing = hex4(i + 2);
          if (trailing >= 0xdc00 && trailing <= 0xdfff) {
            cp = 0x10000 + ((cp & 0x3ff) << 10) + (trailing & 0x3ff);
            i += 6;
          } else {
            cp = -1;
          }
        }
        // \u0000 is allowed (QEMU stores it as modified UTF-8).
        if (cp !== 0 && !validCodepoint(cp)) {
          // QEMU prints the escape as "%.*s" of the token text, which stops at
          // the token's end (verified: "\u12" gives `\u12" is not ...`).
          const shown = s.slice(beg, Math.min(i, tok.to));
          return new JsonFail(`JSON parse error, ${shown} is not a valid Unicode character`, beg, Math.min(i, end));
        }
        out += String.fromCodePoint(cp);
        break;
      }
      default:
        return new JsonFail('JSON parse error, invalid escape sequence in string', beg, Math.min(beg + 2, end));
    }
  }
  return out;
}

/** The streamer's view: a queue of tokens of one top-level value. */
class TokenQueue {
  private pos = 0;
  constructor(
    readonly tokens: readonly Token[],
    readonly inputEnd: number,
  ) {}
  peek(): Token | null {
    return this.tokens[this.pos] ?? null;
  }
  pop(): Token | null {
    return this.tokens[this.pos++] ?? null;
  }
}

interface JsonValue {
  readonly type: JsonType;
  readonly value: unknown;
  readonly from: number;
  readonly to: number;
}

/**
 * json-parser.c over one value's tokens. The first error wins (QEMU keeps
 * the first parse_error); error ranges are the offending token's.
 */
class JsonParser {
  /** Top-level members parsed so far (for partial results). */
  readonly topEntries: OptEntry[] = [];
  constructor(
    private readonly s: string,
    private readonly q: TokenQueue,
  ) {}

  private eoi(): JsonFail {
    return new JsonFail('JSON parse error, premature EOI', this.q.inputEnd, this.q.inputEnd);
  }

  parseValue(depth: number): JsonValue {
    const t = this.q.peek();
    if (!t) throw this.eoi();
    switch (t.type) {
      case 'lcurly':
        return this.parseObject(depth);
      case 'lsquare':
        return this.parseArray(depth);
      case 'string': {
        this.q.pop();
        const v = decodeString(this.s, t);
        if (v instanceof JsonFail) throw v;
        return { type: 'string', value: v, from: t.from, to: t.to };
      }
      case 'integer':
      case 'float':
        this.q.pop();
        return { type: 'number', value: Number(this.s.slice(t.from, t.to)), from: t.from, to: t.to };
      case 'keyword': {
        this.q.pop();
        const word = this.s.slice(t.from, t.to);
        if (word === 'true' || word === 'false') {
          return { type: 'boolean', value: word === 'true', from: t.from, to: t.to };
        }
        if (word === 'null') return { type: 'null', value: null, from: t.from, to: t.to };
        throw new JsonFail(`JSON parse error, invalid keyword '${word}'`, t.from, t.to);
      }
      default:
        throw new JsonFail('JSON parse error, expecting value', t.from, t.to);
    }
  }

  private parseObject(depth: number): JsonValue {
    const open = this.q.pop()!;
    const obj: Record<string, unknown> = {};
    const seen = new Set<string>();
    let t = this.q.peek();
    if (!t) throw this.eoi();
    if (t.type === 'rcurly') {
      this.q.pop();
      return { type: 'object', value: obj, from: open.from, to: t.to };
    }
    for (;;) {
      // parse_pair
      const keyTok = this.q.peek();
      if (!keyTok) throw this.eoi();
      const key = this.parseValue(depth + 1);
      if (key.type !== 'string') {
        throw new JsonFail('JSON parse error, key is not a string in object', keyTok.from, keyTok.to);
      }
      const colon = this.q.pop();
      if (!colon) throw this.eoi();
      if (colon.type !== 'colon') throw new JsonFail('JSON parse error, missing : in object pair', colon.from, colon.to);
      const value = this.parseValue(depth + 1);
      const k = key.value as string;
      if (seen.has(k)) throw new JsonFail('JSON parse error, duplicate key', key.from, key.to);
      seen.add(k);
      // Plain assignment would hit Object.prototype's setter for "__proto__".
      Object.defineProperty(obj, k, { value: value.value, enumerable: true, writable: true, configurable: true });
      if (depth === 0) this.topEntries.push(this.entry(k, key, value));
      t = this.q.pop();
      if (!t) throw this.eoi();
      if (t.type === 'rcurly') return { type: 'object', value: obj, from: open.from, to: t.to };
      if (t.type !== 'comma') throw new JsonFail('JSON parse error, expected separator in dict', t.from, t.to);
    }
  }

  private parseArray(depth: number): JsonValue {
    const open = this.q.pop()!;
    const arr: unknown[] = [];
    let t = this.q.peek();
    if (!t) throw this.eoi();
    if (t.type === 'rsquare') {
      this.q.pop();
      return { type: 'array', value: arr, from: open.from, to: t.to };
    }
    for (;;) {
      arr.push(this.parseValue(depth + 1).value);
      t = this.q.pop();
      if (!t) throw this.eoi();
      if (t.type === 'rsquare') return { type: 'array', value: arr, from: open.from, to: t.to };
      if (t.type !== 'comma') throw new JsonFail('JSON parse error, expected separator in list', t.from, t.to);
    }
  }

  private entry(key: string, k: JsonValue, v: JsonValue): OptEntry {
    const isStr = v.type === 'string';
    return {
      key,
      // String ranges exclude the quotes.
      keyFrom: k.from + 1,
      keyTo: k.to - 1,
      value: isStr ? (v.value as string) : this.s.slice(v.from, v.to),
      valueFrom: isStr ? v.from + 1 : v.from,
      valueTo: isStr ? v.to - 1 : v.to,
      implied: false,
      jsonType: v.type,
      jsonValue: v.value,
    };
  }
}

/**
 * The JSON form of -object/-device, as qobject_from_json() reads it:
 *
 *  - the top-level members become entries: `key` and `value` decoded, ranges
 *    inside the quotes for strings; other values keep their JSON text as
 *    written in `value` ("134217728", "true", "[0,1]") with `jsonType` and
 *    `jsonValue` (numbers as JS numbers; use `value` for exact big integers);
 *  - errors use QEMU's wording: "JSON parse error, duplicate key" (also in
 *    nested objects), "..., expecting value", "..., premature EOI" (an empty
 *    range at the end of the input), "..., stray '01'", "..., invalid
 *    keyword 'tru'", "..., missing : in object pair", "..., expected
 *    separator in dict", "..., key is not a string in object", and
 *    "Expecting at most one JSON value" for anything after the object;
 *  - QEMU extensions are accepted: single-quoted strings and the \' escape.
 *
 * On an error, the members parsed before it are still returned.
 * QEMU's nesting limit (1024 open braces and brackets) is modelled; its
 * token-size limit (64 MiB) is not.
 */
export function parseJsonOpts(s: string): ParsedOpts {
  const entries: OptEntry[] = [];
  const errors: OptError[] = [];
  const result = (): ParsedOpts => ({ syntax: 'json', entries, errors });

  // The streamer: collect tokens until braces and brackets balance (or go
  // negative), then parse that value; lexer errors are reported at once.
  let i = 0;
  let values = 0; // values emitted so far
  for (;;) {
    const tokens: Token[] = [];
    let braces = 0;
    let brackets = 0;
    let lexFail: JsonFail | null = null;
    let complete = false;
    for (;;) {
      const t = lexOne(s, i);
      if (t === null) break;
      if (t instanceof JsonFail) {
        lexFail = t;
        break;
      }
      i = t.to;
      tokens.push(t);
      if (t.type === 'lcurly') braces++;
      else if (t.type === 'rcurly') braces--;
      else if (t.type === 'lsquare') brackets++;
      else if (t.type === 'rsquare') brackets--;
      if (braces + brackets > MAX_NESTING) {
        // json-streamer.c; verified: 1024 open braces and brackets together
        // parse, 1025 fail.
        lexFail = new JsonFail('JSON nesting depth limit exceeded', t.from, t.to);
        break;
      }
      if (!((braces > 0 || brackets > 0) && braces >= 0 && brackets >= 0)) {
        complete = true;
        break;
      }
    }
    if (!lexFail && !complete && tokens.length === 0) return result(); // end of input
    if (values > 0) {
      // A second value (or error) after a good first one.
      const from = tokens.length > 0 ? tokens[0].from : lexFail!.from;
      errors.push({ message: 'Expecting at most one JSON value', from, to: s.length });
      return result();
    }
    values++;
    if (lexFail) {
      errors.push({ message: lexFail.message, from: lexFail.from, to: lexFail.to });
      return result();
    }
    // The streamer hands the parser exactly one value's tokens (or, at the
    // end of the input, an unbalanced prefix: "premature EOI").
    const parser = new JsonParser(s, new TokenQueue(tokens, s.length));
    try {
      parser.parseValue(0);
      entries.push(...parser.topEntries);
    } catch (e) {
      if (!(e instanceof JsonFail)) throw e;
      entries.push(...parser.topEntries);
      errors.push({ message: e.message, from: e.from, to: e.to });
      return result();
    }
    if (!complete) return result();
  }
}
