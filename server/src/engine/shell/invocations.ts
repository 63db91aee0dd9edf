/**
 * Finds QEMU invocations: walks the token stream, groups it into simple
 * commands, tracks variable and array assignments in file order, and
 * recognises commands whose program (after wrappers such as sudo, env,
 * taskset) is a QEMU system emulator.
 *
 * Deliberate simplifications (documented for rule authors):
 * - Assignments count in file order wherever they are: inside functions,
 *   if/while bodies, subshells and case branches alike. A later assignment
 *   replaces an earlier one; `local`/`declare`/`export`/`readonly`/`typeset`
 *   assign like plain assignments. Assignments prefixed to a command
 *   (`A=1 cmd`) do not set shell variables, as in bash. `unset` forgets.
 * - `${V:=default}` / `${V=default}` assign when V is unset or (`:=`) known empty,
 *   checked for every word of every simple command before it is inspected.
 * - Commands inside `$(...)`, backticks and `<(...)` are never looked at.
 * - Bodies of `case` branches are scanned; patterns are skipped.
 */
import type { Span } from '../text';
import { literal } from '../mapped';
import type { QemuInvocation, ShellWord } from './types';
import { concatVals, Expander, isKnown, overlapsUnknown, ScalarVar, ShellVar, Val } from './expand';
import type { LitSeg, Segment, Token, Word } from './scanner';
import { Scanner } from './scanner';

// --------------------------------------------------------------- assignments

export interface Assignment {
  readonly name: string;
  /** Subscript of `NAME[sub]=value`, or null. */
  readonly index: string | null;
  /** `+=`. */
  readonly append: boolean;
  /** Segments of the right-hand side. */
  readonly value: Segment[];
  /** Source offset where the right-hand side starts. */
  readonly valueStart: number;
  /** Elements of `NAME=( ... )`. */
  readonly array?: Word[];
}

const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?(\+?)=/;

/** Splits `NAME=value` (an unquoted, unescaped `NAME=` prefix), or returns null. */
export function splitAssignment(w: Word): Assignment | null {
  if (w.plain) {
    // Cheap rejection: a plain word without "=" is no assignment.
    const t = w.plainText as string;
    if (t.indexOf('=') < 0) return null;
  }
  let prefix = '';
  for (const s of w.segs) {
    if (s.k !== 'lit' || !s.copy || s.quoted) break;
    prefix += s.value;
    if (prefix.includes('=')) break;
  }
  const m = ASSIGN.exec(prefix);
  if (!m) return null;
  const len = m[0].length;
  const value: Segment[] = [];
  let consumed = 0;
  let valueStart = w.end;
  for (const s of w.segs) {
    if (consumed >= len) {
      value.push(s);
      continue;
    }
    const l = s as LitSeg; // the prefix is made of verbatim literal segments
    const take = Math.min(l.value.length, len - consumed);
    consumed += take;
    if (consumed >= len) valueStart = l.start + take;
    if (take < l.value.length) value.push({ ...l, value: l.value.slice(take), start: l.start + take });
  }
  return { name: m[1], index: m[2] ?? null, append: m[3] === '+', value, valueStart, array: w.array };
}

function applyAssignment(a: Assignment, ex: Expander, forceUnknown: boolean): void {
  const vars = ex.vars;
  const old = vars.get(a.name);
  if (forceUnknown) {
    vars.set(a.name, a.array || old?.kind === 'array' ? { kind: 'array', elems: null } : { kind: 'scalar', value: null, hint: null });
    return;
  }
  if (a.array) {
    let elems: Val[] | null = [];
    for (const w of a.array) for (const f of ex.fields(w, true, false)) elems.push(f);
    if (a.index !== null) elems = null;
    else if (a.append && old) {
      if (old.kind === 'array') elems = old.elems ? [...old.elems, ...elems] : null;
      else elems = old.value ? [old.value, ...elems] : null;
    }
    vars.set(a.name, { kind: 'array', elems });
    return;
  }
  const value = ex.scalar(a.value, a.valueStart, false);
  const known = isKnown(value);
  if (a.index !== null) {
    // NAME[n]=value: update a known array in place when n is a literal index.
    const base: readonly Val[] | null =
      old === undefined ? [] : old.kind === 'array' ? old.elems : old.value ? [old.value] : null;
    let elems: Val[] | null = null;
    if (base && known && /^\d+$/.test(a.index) && Number(a.index) <= base.length) {
      elems = [...base];
      elems[Number(a.index)] = value;
    }
    vars.set(a.name, { kind: 'array', elems });
    return;
  }
  let next: ScalarVar;
  if (a.append) {
    const prev = old === undefined ? null : old.kind === 'scalar' ? old.value : null;
    const joined = prev && known ? concatVals(prev, value) : null;
    next = { kind: 'scalar', value: joined, hint: joined ? joined.text : null };
  } else if (known) {
    next = { kind: 'scalar', value, hint: value.text };
  } else {
    const h = ex.scalar(a.value, a.valueStart, true);
    next = { kind: 'scalar', value: null, hint: isKnown(h) ? h.text : null };
  }
  if (old?.kind === 'array' && !a.append) {
    // Assigning to an array's name sets its element 0.
    vars.set(a.name, { kind: 'array', elems: old.elems && next.value ? [next.value, ...old.elems.slice(1)] : null });
    return;
  }
  vars.set(a.name, next);
}

/** `${V:=default}` / `${V=default}` anywhere in the word's top level. */
function applyDefaultAssignments(w: Word, ex: Expander): void {
  if (w.plain) return;
  for (const s of w.segs) {
    if (s.k !== 'exp' || s.exp.t !== 'default' || (s.exp.op !== ':=' && s.exp.op !== '=')) continue;
    const { name, arg, op } = s.exp;
    const v = ex.vars.get(name);
    if (v === undefined) {
      // The environment may already hold a value: unknown, but the default is a fair hint.
      const h = ex.scalar(arg, s.start, true);
      ex.vars.set(name, { kind: 'scalar', value: null, hint: isKnown(h) ? h.text : null });
    } else if (op === ':=' && v.kind === 'scalar' && v.value && v.value.text === '') {
      const val = ex.scalar(arg, s.start, false);
      ex.vars.set(name, isKnown(val) ? { kind: 'scalar', value: val, hint: val.text } : { kind: 'scalar', value: null, hint: null });
    }
  }
}

// ------------------------------------------------------------------ wrappers

interface WrapperSpec {
  /** Short options that take an argument. */
  readonly shortArg?: string;
  /** Long options that take an argument (when not given as --opt=value). */
  readonly longArg?: readonly string[];
  /** Short options after which no command is run (e.g. `command -v`). */
  readonly stop?: string;
  readonly stopLong?: readonly string[];
  /** Positional arguments before the command (taskset's mask, timeout's duration). */
  readonly positionals?: number;
  /** NAME=value arguments may precede the command. */
  readonly envAssign?: boolean;
  /** A lone "-" is an option (env). */
  readonly dashIsFlag?: boolean;
}

const WRAPPERS = new Map<string, WrapperSpec>([
  ['exec', { shortArg: 'a' }],
  [
    'sudo',
    {
      shortArg: 'ugpCDRrtTUc',
      longArg: ['user', 'group', 'prompt', 'close-from', 'chdir', 'chroot', 'role', 'type', 'command-timeout', 'other-user', 'login-class', 'host'],
      stop: 'lveVK',
      stopLong: ['list', 'validate', 'edit', 'version', 'remove-timestamp'],
      envAssign: true,
    },
  ],
  ['env', { shortArg: 'uCS', longArg: ['unset', 'chdir', 'split-string'], envAssign: true, dashIsFlag: true }],
  ['nohup', {}],
  ['time', { shortArg: 'fo', longArg: ['format', 'output'] }],
  ['command', { stop: 'vV' }],
  ['nice', { shortArg: 'n', longArg: ['adjustment'] }],
  ['ionice', { shortArg: 'cn', longArg: ['class', 'classdata'], stop: 'pPu', stopLong: ['pid', 'pgid', 'uid'] }],
  ['taskset', { stop: 'p', stopLong: ['pid'], positionals: 1 }],
  [
    'numactl',
    {
      shortArg: 'ipPwmNCcLoMISf',
      longArg: [
        'interleave', 'preferred', 'preferred-many', 'weighted-interleave', 'membind', 'cpunodebind',
        'physcpubind', 'cpubind', 'length', 'offset', 'shmmode', 'shmid', 'shm', 'file',
      ],
      stop: 'sH',
      stopLong: ['show', 'hardware'],
    },
  ],
  [
    'chrt',
    { shortArg: 'TPD', longArg: ['sched-runtime', 'sched-period', 'sched-deadline'], stop: 'pm', stopLong: ['pid', 'max'], positionals: 1 },
  ],
  ['stdbuf', { shortArg: 'ioe', longArg: ['input', 'output', 'error'] }],
  ['setsid', {}],
  ['timeout', { shortArg: 'sk', longArg: ['signal', 'kill-after'], positionals: 1 }],
  [
    'systemd-run',
    {
      shortArg: 'upMHE',
      longArg: [
        'unit', 'property', 'machine', 'host', 'setenv', 'description', 'slice', 'uid', 'gid', 'nice',
        'working-directory', 'service-type', 'on-active', 'on-boot', 'on-startup', 'on-unit-active',
        'on-unit-inactive', 'on-calendar', 'path-property', 'socket-property', 'timer-property',
      ],
    },
  ],
]);

/** Index of the wrapped command's field, or -1 when the wrapper runs none. */
function skipWrapperArgs(text: (k: number) => string | undefined, k: number, spec: WrapperSpec): number {
  for (;;) {
    const t = text(k);
    if (t === undefined) return -1;
    if (t === '--') {
      k++;
      break;
    }
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = t.slice(2, eq < 0 ? undefined : eq);
      if (spec.stopLong?.includes(name)) return -1;
      k += eq < 0 && spec.longArg?.includes(name) ? 2 : 1;
      continue;
    }
    if (t === '-') {
      if (!spec.dashIsFlag) break;
      k++;
      continue;
    }
    if (t.startsWith('-')) {
      let adv = 1;
      for (let j = 1; j < t.length; j++) {
        const ch = t[j];
        if (spec.stop?.includes(ch)) return -1;
        if (spec.shortArg?.includes(ch)) {
          if (j === t.length - 1) adv = 2; // the argument is the next word
          break; // otherwise it is attached (-n10, -uroot)
        }
      }
      k += adv;
      continue;
    }
    break;
  }
  if (spec.envAssign) {
    let t: string | undefined;
    while ((t = text(k)) !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) k++;
  }
  for (let i = 0; i < (spec.positionals ?? 0); i++) {
    if (text(k) === undefined) return -1;
    k++;
  }
  return k;
}

/** The basename of a field when that part of it is statically known, else null. */
function knownBasename(m: Val): string | null {
  const t = m.text;
  const from = t.lastIndexOf('/') + 1;
  if (overlapsUnknown(m, from, t.length)) return null;
  return t.slice(from);
}

const QEMU_SYSTEM = 'qemu-system-';

/**
 * The binary name if the field names a QEMU system emulator: basename
 * `qemu-system-*` or `qemu-kvm`. For `qemu-system-$ARCH` (known prefix,
 * unknown suffix) the name is returned with the suffix verbatim.
 */
export function qemuBinaryName(m: Val): string | null {
  const t = m.text;
  const from = t.lastIndexOf('/') + 1;
  const base = t.slice(from);
  if (base === 'qemu-kvm' && !overlapsUnknown(m, from, t.length)) return base;
  if (base.length > QEMU_SYSTEM.length && base.startsWith(QEMU_SYSTEM) && !overlapsUnknown(m, from, from + QEMU_SYSTEM.length)) {
    return base;
  }
  return null;
}

/** The word's text when it has no expansions (quotes removed), else null. */
function plainText(w: Word): string | null {
  if (w.plain) return w.plainText;
  let s = '';
  for (const g of w.segs) {
    if (g.k === 'exp') return null;
    if (g.k === 'lit') s += g.value;
  }
  return s;
}

/** Whether the word is exactly the unquoted text `kw` (a reserved word). */
function isWord(w: Word, kw: string): boolean {
  return w.plain && w.end - w.start === kw.length && w.plainText === kw;
}

const DECLARATION = new Set(['export', 'local', 'declare', 'typeset', 'readonly']);
const SKIP_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}']);

// -------------------------------------------------------------------- parser

/**
 * What incremental re-analysis needs to re-read one invocation's command in
 * isolation (see reprocessCommand and ../incremental.ts).
 */
export interface InvocationContext {
  /** Every variable the command read, with its value at the command's start (undefined: unset). */
  readonly vars: ReadonlyMap<string, ShellVar | undefined>;
  /** Start of the token that ended the command: a control operator, or the end of the text. */
  readonly termStart: number;
  /** That operator ("\n", ";", "&&", ...), or "" for the end of the text. */
  readonly termOp: string;
}

/** The log of a command that read no variable (shared, never written). */
const NO_READS: ReadonlyMap<string, ShellVar | undefined> = new Map();

/**
 * A variable table that can log the reads of one command (first read per
 * name). While `logging`, the log map is made on the first read (most
 * commands read no variable).
 */
class LoggingVars extends Map<string, ShellVar> {
  logging = false;
  log: Map<string, ShellVar | undefined> | null = null;
  override get(name: string): ShellVar | undefined {
    const v = super.get(name);
    if (this.logging) {
      if (this.log === null) this.log = new Map();
      if (!this.log.has(name)) this.log.set(name, v);
    }
    return v;
  }
}

/** A table holding only logged reads; reading any other name sets `missed`. */
class LoggedVars extends Map<string, ShellVar> {
  missed = false;
  constructor(private readonly logged: ReadonlyMap<string, ShellVar | undefined>) {
    super();
  }
  override get(name: string): ShellVar | undefined {
    if (super.has(name)) return super.get(name);
    if (!this.logged.has(name)) this.missed = true;
    return this.logged.get(name);
  }
}

/**
 * Finds the QEMU invocations of a script as a stream: `each` gets every
 * invocation, in order, as soon as its command ends, so a caller that checks
 * it and lets its words go keeps the words of one command alive at a time,
 * not of the whole script.
 */
export function eachInvocation(text: string, scanner: Scanner, each: (inv: QemuInvocation, ctx: InvocationContext) => void): void {
  const vars = new LoggingVars();
  const ex = new Expander(text, vars);

  let cmd: Word[] = [];
  let redirTarget = false; // the next word is a redirection operand
  let skipToSeparator = false; // rest of a `for`/`select` header
  let inTest = false; // inside [[ ... ]]
  let caseHead = false; // between `case` and `in`
  let skipName = false; // the name after `function`
  const cases: ('pattern' | 'body')[] = [];

  const finish = (term: Token) => {
    if (cmd.length) {
      vars.logging = true;
      const inv = processCommand(cmd, ex);
      const log = vars.log ?? NO_READS;
      vars.logging = false;
      vars.log = null;
      if (inv) each(inv, { vars: log, termStart: term.start, termOp: term.kind === 'op' ? term.op : '' });
    }
    cmd = [];
    redirTarget = false;
  };

  let tok: Token;
  for (;;) {
    tok = scanner.next();
    if (tok.kind === 'eof') break;
    if (inTest) {
      if (tok.kind === 'word' && isWord(tok, ']]')) inTest = false;
      continue;
    }
    if (skipToSeparator) {
      if (tok.kind === 'op' && (tok.op === ';' || tok.op === '\n' || tok.op === '&')) skipToSeparator = false;
      continue;
    }
    if (caseHead) {
      if (tok.kind === 'word' && isWord(tok, 'in')) {
        caseHead = false;
        cases.push('pattern');
      }
      continue;
    }
    if (cases.length && cases[cases.length - 1] === 'pattern') {
      if (tok.kind === 'word' && isWord(tok, 'esac')) cases.pop();
      else if (tok.kind === 'op' && tok.op === ')') cases[cases.length - 1] = 'body';
      continue;
    }
    switch (tok.kind) {
      case 'op':
        if (tok.op === '(' && cmd.length) {
          cmd = []; // `name ( )`: a function definition, not a command
          continue;
        }
        finish(tok);
        if ((tok.op === ';;' || tok.op === ';&' || tok.op === ';;&') && cases.length) cases[cases.length - 1] = 'pattern';
        continue;
      case 'redir':
        redirTarget = tok.target;
        continue;
      case 'arith':
        continue;
      case 'word': {
        const w: Word = tok;
        if (redirTarget) {
          redirTarget = false;
          continue;
        }
        if (skipName) {
          skipName = false;
          continue;
        }
        if (cmd.length === 0) {
          if (isWord(w, 'esac') && cases.length) {
            cases.pop();
            continue;
          }
          const kw = w.plain && w.end - w.start <= 8 ? (w.plainText as string) : '';
          if (SKIP_KEYWORDS.has(kw)) continue;
          if (kw === 'for' || kw === 'select') {
            skipToSeparator = true;
            continue;
          }
          if (kw === 'case') {
            caseHead = true;
            continue;
          }
          if (kw === 'function') {
            skipName = true;
            continue;
          }
          if (kw === '[[') {
            inTest = true;
            continue;
          }
        }
        cmd.push(w);
        continue;
      }
    }
  }
  finish(tok);
}

const DEFAULT_ASSIGN = /\$\{[A-Za-z_][A-Za-z0-9_]*:?=/;

/**
 * Whether a command's text can be read again on its own with the same
 * meaning as far as the text tells: no here-document (`<<`: its body follows
 * the command) and no `${V:=w}` (an assignment later commands would see).
 */
export function rereadable(commandText: string): boolean {
  return !commandText.includes('<<') && !DEFAULT_ASSIGN.test(commandText);
}

/**
 * The invocation whose command starts at `start`, read again alone
 * (reprocessCommand) with the variables `ctx` logged, if it still ends where
 * `ctx` says it ended, moved by `delta` (an edit inside it); else undefined.
 */
export function rereadInvocation(text: string, start: number, ctx: InvocationContext, delta = 0): QemuInvocation | undefined {
  const r = reprocessCommand(text, start, ctx.vars);
  return r?.invocation && r.termStart === ctx.termStart + delta && r.termOp === ctx.termOp ? r.invocation : undefined;
}

/**
 * Re-reads the one simple command that starts at `start` (a command start in
 * the scanner's normal state, as recorded for an invocation), with variables
 * as `vars` logged them. Returns undefined when the command cannot be read in
 * isolation with the same meaning: it reads a variable the log does not hold,
 * starts with a reserved word, has a here-document or a `${V:=w}` assignment,
 * or the scanner reports a problem. The caller checks that it still ends
 * where (and how) the old command ended.
 */
export function reprocessCommand(
  text: string,
  start: number,
  vars: ReadonlyMap<string, ShellVar | undefined>,
): { invocation: QemuInvocation | null; termStart: number; termOp: string } | undefined {
  const scanner = new Scanner(text, start);
  const table = new LoggedVars(vars);
  const ex = new Expander(text, table);
  const words: Word[] = [];
  let redirTarget = false;
  let term: Token;
  for (;;) {
    const tok = scanner.next();
    if (tok.kind === 'eof' || tok.kind === 'op') {
      term = tok;
      break;
    }
    if (tok.kind === 'redir') {
      if (tok.op === '<<' || tok.op === '<<-' || tok.op.endsWith('<<') || tok.op.endsWith('<<-')) return undefined;
      redirTarget = tok.target;
      continue;
    }
    if (tok.kind === 'arith') continue;
    if (redirTarget) {
      redirTarget = false;
      continue;
    }
    if (words.length === 0) {
      const kw = tok.plain && tok.end - tok.start <= 8 ? (tok.plainText as string) : '';
      if (SKIP_KEYWORDS.has(kw) || kw === 'for' || kw === 'select' || kw === 'case' || kw === 'function' || kw === '[[' || kw === 'esac') {
        return undefined;
      }
    }
    words.push(tok);
  }
  if (scanner.problems.length || words.length === 0) return undefined;
  if (DEFAULT_ASSIGN.test(text.slice(words[0].start, words[words.length - 1].end))) return undefined;
  const invocation = processCommand(words, ex);
  if (table.missed) return undefined;
  return { invocation, termStart: term.start, termOp: term.kind === 'op' ? term.op : '' };
}

/** Handles one simple command; returns the invocation if it runs QEMU. */
function processCommand(words: Word[], ex: Expander): QemuInvocation | null {
  for (const w of words) applyDefaultAssignments(w, ex);
  let i = 0;
  const prefix: Assignment[] = [];
  for (; i < words.length; i++) {
    const a = splitAssignment(words[i]);
    if (!a) break;
    prefix.push(a);
  }
  if (i === words.length) {
    for (const a of prefix) applyAssignment(a, ex, false);
    return null;
  }
  const name = plainText(words[i]);
  if (name !== null && DECLARATION.has(name)) {
    let opaqueAttrs = false;
    for (let k = i + 1; k < words.length; k++) {
      const t = plainText(words[k]);
      if (t !== null && (t.startsWith('-') || t.startsWith('+'))) {
        // -A (associative), -i (integer), -n (nameref), -l/-u/-c (case change): values differ from the text.
        if (/[Ainluc]/.test(t.slice(1))) opaqueAttrs = true;
        continue;
      }
      const a = splitAssignment(words[k]);
      if (a) applyAssignment(a, ex, opaqueAttrs);
    }
    return null;
  }
  if (name === 'unset') {
    for (let k = i + 1; k < words.length; k++) {
      const t = plainText(words[k]);
      if (t !== null && !t.startsWith('-')) ex.vars.delete(t);
    }
    return null;
  }
  if (name !== null) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (!WRAPPERS.has(base) && base !== 'qemu-kvm' && !base.startsWith(QEMU_SYSTEM)) return null;
  }
  return detect(words, i, ex);
}

interface HintField {
  readonly m: Val;
  readonly word: number;
  readonly field: number;
}

function detect(words: Word[], first: number, ex: Expander): QemuInvocation | null {
  // Words are expanded lazily: usually only the command word is needed.
  const normal: Val[][] = [];
  const hints: HintField[] = [];
  let nextWord = first;
  const expandNext = () => {
    const w = words[nextWord];
    const n = ex.fields(w, true, false);
    normal[nextWord] = n;
    const h = n.every(isKnown) ? n : ex.fields(w, true, true);
    h.forEach((m, field) => hints.push({ m, word: nextWord, field }));
    nextWord++;
  };
  const get = (k: number): HintField | undefined => {
    while (hints.length <= k && nextWord < words.length) expandNext();
    return hints[k];
  };
  const text = (k: number) => get(k)?.m.text;

  let k = 0;
  for (let guard = 0; guard < 64; guard++) {
    const f = get(k);
    if (!f) return null;
    const base = knownBasename(f.m);
    const spec = base === null ? undefined : WRAPPERS.get(base);
    if (!spec) break;
    k = skipWrapperArgs(text, k + 1, spec);
    if (k < 0) return null;
  }
  const cmdField = get(k);
  if (!cmdField) return null;
  const binaryName = qemuBinaryName(cmdField.m);
  if (binaryName === null) return null;

  const spanOf = (wi: number): Span => ({ start: words[wi].start, end: words[wi].end });
  const own = normal[cmdField.word];
  if (own.length === 0) return null;
  const fi = Math.min(cmdField.field, own.length - 1);
  const binary: ShellWord = { value: own[fi], span: spanOf(cmdField.word) };
  const args: ShellWord[] = [];
  for (let f = fi + 1; f < own.length; f++) args.push({ value: own[f], span: spanOf(cmdField.word) });
  for (let wi = cmdField.word + 1; wi < words.length; wi++) {
    const w = words[wi];
    const span = { start: w.start, end: w.end };
    const fields = normal[wi];
    if (fields === undefined && w.plain) {
      // Most arguments: one plain word, one field (no array needed).
      args.push({ value: literal(w.plainText as string, w.start), span });
      continue;
    }
    for (const value of fields ?? ex.fields(w, true, false)) args.push({ value, span });
  }
  return {
    binary,
    binaryName,
    // No exact-size copy: an analysis lets the words go once checked (ShellModels.release).
    args,
    span: { start: words[0].start, end: words[words.length - 1].end },
  };
}
