/**
 * QEMU's stderr → messages placed on argv words.
 *
 * Option errors read `<prog>: <flag> <argument as typed>: <message>`; the
 * location is matched against the words we passed (longest match wins) and
 * mapped to the original index of the argument word (of the flag for
 * options without an argument). Some errors have no location (backend
 * allocation, some -m checks, -machine setters; reference "How the stderr
 * line is built"); those are matched on the message text and placed on the
 * option they must come from, or left unplaced (argIndex null).
 */
import type { ProbeOption } from './argv';
import { describeBackends, entryString, lastEntry, parseOptionValue } from './argv';

export interface QemuMessage {
  /** QEMU's text after the location prefix, scratch paths replaced by the user's. */
  readonly message: string;
  /** Index of the argv word (original invocation) the message is about, or null. */
  readonly argIndex: number | null;
}

export interface StderrAnalysis {
  /** The fatal error (the last non-warning `<prog>: ` line), or null. */
  readonly error: QemuMessage | null;
  readonly warnings: readonly QemuMessage[];
}

export interface StderrContext {
  /** Basename of the binary QEMU was started as; it prefixes every message. */
  readonly progName: string;
  /** The options as passed to QEMU (rewritten values), with original indices. */
  readonly options: readonly ProbeOption[];
  /** [scratch path, the user's path as typed] pairs to put back into messages. */
  readonly substitutions?: readonly (readonly [string, string])[];
}

/** The word a message about `opt` goes on: its argument, else its flag. */
const wordOf = (opt: ProbeOption): number | null => opt.valueIndex ?? opt.flagIndex;

export function substitutePaths(text: string, subs: readonly (readonly [string, string])[] = []): string {
  // Longest scratch paths first, so a directory never pre-empts a file inside it.
  const sorted = [...subs].sort((a, b) => b[0].length - a[0].length);
  for (const [from, to] of sorted) text = text.split(from).join(to);
  return text;
}

export function analyzeStderr(stderr: string, ctx: StderrContext): StderrAnalysis {
  const prefix = `${ctx.progName}: `;
  const warnings: QemuMessage[] = [];
  let error: QemuMessage | null = null;
  for (const raw of stderr.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('Warning: ')) {
      // libpmem's persistence warning has no prefix and no location.
      const body = line.slice('Warning: '.length);
      warnings.push({ message: substitutePaths(body, ctx.substitutions), argIndex: locateByText(body, ctx) });
      continue;
    }
    if (!line.startsWith(prefix)) continue;
    const rest = line.slice(prefix.length);
    const located = locate(rest, ctx.options);
    let body = located ? located.message : rest;
    const isWarning = body.startsWith('warning: ');
    if (isWarning) body = body.slice('warning: '.length);
    const argIndex = located ? wordOf(located.option) : locateByText(body, ctx);
    const msg = { message: substitutePaths(body, ctx.substitutions), argIndex };
    if (isWarning) warnings.push(msg);
    else error = msg;
  }
  return { error, warnings };
}

function locate(rest: string, options: readonly ProbeOption[]): { option: ProbeOption; message: string } | null {
  let best: { option: ProbeOption; message: string; len: number } | null = null;
  for (const o of options) {
    const loc = o.value === null ? o.flag : `${o.flag} ${o.value}`;
    if (rest.startsWith(loc + ': ') && (!best || loc.length > best.len)) {
      best = { option: o, message: rest.slice(loc.length + 2), len: loc.length };
    }
  }
  return best;
}

/** Place a location-less message by what it says (reference §3, §4, §5). */
function locateByText(message: string, ctx: StderrContext): number | null {
  const opts = ctx.options;
  const last = (name: string) => {
    for (let i = opts.length - 1; i >= 0; i--) if (opts[i].name === name && opts[i].flagIndex !== null) return opts[i];
    return null;
  };
  const backends = describeBackends(opts);
  const backendWord = (pred: (b: (typeof backends)[number]) => boolean) => {
    const b = backends.find(pred);
    return b ? wordOf(opts[b.option]) : null;
  };
  const prop = (b: (typeof backends)[number], key: string) => entryString(lastEntry(parseOptionValue(opts[b.option]), key));
  let m: RegExpExecArray | null;

  // can't open backing store <path> for guest RAM: ...  (the path is the scratch path we passed)
  if ((m = /can't open backing store (.+) for guest RAM/.exec(message))) {
    const p = m[1];
    return backendWord((b) => b.memPath === p || (b.memPath !== null && substitutePaths(b.memPath, ctx.substitutions) === p));
  }
  if ((m = /backing store size (0x[0-9a-f]+) does not match 'size' option (0x[0-9a-f]+)/.exec(message))) {
    const want = parseInt(m[2], 16);
    const page = 4096;
    return backendWord((b) => b.size !== null && Math.ceil(b.size / page) * page === want) ?? backendWord((b) => b.memPath !== null);
  }
  if (/^property 'size' of memory-backend-\S+ doesn't take value '0'/.test(message)) return backendWord((b) => b.size === 0);
  if ((m = /^alignment (0x[0-9a-f]+) must be/.exec(message))) {
    const a = parseInt(m[1], 16);
    return backendWord((b) => {
      const v = prop(b, 'align');
      return v !== null && (Number(v) === a || v.toLowerCase() === m![1]);
    }) ?? backendWord((b) => prop(b, 'align') !== null);
  }
  if (/^'prealloc=on' and 'reserve=off' are incompatible/.test(message)) return backendWord((b) => prop(b, 'reserve') !== null);
  if (/^host-nodes must be set for policy bind/.test(message)) return backendWord((b) => prop(b, 'policy') === 'bind');
  if ((m = /^object (?:name|'s id) '([^']+)' is reserved/.exec(message))) {
    const id = m[1];
    return backendWord((b) => b.id === id);
  }
  if (/^unable to map backing store for guest RAM/.test(message)) return backendWord((b) => prop(b, 'hugetlb') !== null);
  if (/^requesting persistence across crashes for backend file (.+) failed/.test(message)) {
    const p = /for backend file (.+) failed/.exec(message)![1];
    return backendWord((b) => b.memPath === p);
  }
  if (
    /^invalid value of maxmem|^slots specified but no max-size|^maximum memory size must by aligned|^unsupported amount of memory slots|^"-memory 'slots\|maxmem'" is not supported|^cannot set up guest memory|^ram size .* exceeds permitted maximum|^Memory size 0x[0-9a-f]+ is not aligned|^Maximum memory size 0x[0-9a-f]+ is not aligned/.test(
      message,
    )
  ) {
    const o = last('m');
    return o ? wordOf(o) : null;
  }
  if (/^Property '[^']*-machine\.[^']*' not found|^nvdimm is not enabled: add 'nvdimm=on' to '-M'|^Invalid parameter type for 'nvdimm'|^Parameter '(nvdimm|nvdimm-persistence)' /.test(message)) {
    const o = last('machine');
    return o ? wordOf(o) : null;
  }
  return null;
}
