/**
 * The fuzz properties, defined once: the fast suites in test/fuzz/*.test.ts
 * run each with a few hundred cases; scripts/fuzz.mjs runs them long.
 * A property's check throws (an assertion message) when an invariant breaks.
 */
import fc from 'fast-check';
import { buildVm } from '../../server/src/engine/model/build';
import { analyzeShell } from '../../server/src/engine/shell';
import { checkRebuiltVms } from './plain';
import { parseJsonOpts, parseKeyval, parseQemuOpts } from '../../server/src/engine/qemu/optstring';
import { formatSize, parseSize } from '../../server/src/engine/qemu/size';
import { parseXmlDocument } from '../../server/src/engine/xml/parse';
import { parseLibvirtDomain } from '../../server/src/engine/xml/domain';
import type { XmlElement } from '../../server/src/engine/xml/types';
import { endAt, startAt, type MappedString } from '../../server/src/engine/mapped';
import type { ParsedOpts } from '../../server/src/engine/qemu/types';
import type { VmModel } from '../../server/src/engine/model/types';
import { arbFreeDoc, arbMutatedSeed, arbText, checkDocument, newStats, type CheckStats } from './harness';
import { modelSummary, renderScript } from './render';

export interface FuzzProperty<T> {
  readonly name: string;
  readonly arb: fc.Arbitrary<T>;
  /** Throws when an invariant breaks. */
  readonly check: (value: T, stats: CheckStats) => void;
  /** Relative share of cases in the long run. */
  readonly weight: number;
}

function fail(msg: string): never {
  throw new Error(msg);
}

function checkOpts(s: string, p: ParsedOpts): void {
  for (const e of p.entries) {
    for (const [a, b] of [
      [e.keyFrom, e.keyTo],
      [e.valueFrom, e.valueTo],
    ]) {
      if (!(0 <= a && a <= b && b <= s.length)) fail(`entry ${e.key}: range ${a}-${b} outside ${JSON.stringify(s)}`);
    }
  }
  for (const e of p.errors) if (!(0 <= e.from && e.from <= e.to && e.to <= s.length)) fail(`error range ${e.from}-${e.to} outside ${JSON.stringify(s)}`);
}

function checkMapped(m: MappedString, n: number, what: string): void {
  for (let i = 0; i < m.text.length; i++) {
    if (!(0 <= startAt(m, i) && startAt(m, i) <= endAt(m, i) && endAt(m, i) <= n)) fail(`${what}: char ${i} maps to ${startAt(m, i)}-${endAt(m, i)} outside ${n}`);
  }
  if (!(0 <= m.emptyAt && m.emptyAt <= n)) fail(`${what}: emptyAt ${m.emptyAt} outside ${n}`);
  for (const u of m.unknown) if (!(0 <= u.start && u.start <= u.end && u.end <= m.text.length)) fail(`${what}: unknown range outside its value`);
}

function checkElement(el: XmlElement, n: number, depth = 0): void {
  for (const s of [el.span, el.nameSpan, el.startTagSpan, el.endTagSpan]) {
    if (s && !(0 <= s.start && s.start <= s.end && s.end <= n)) fail(`element ${el.name}: span ${s.start}-${s.end} outside ${n}`);
  }
  for (const a of el.attributes) {
    if (!(0 <= a.span.start && a.span.end <= n)) fail(`attribute ${a.name}: span outside`);
    if (a.value) checkMapped(a.value, n, `attribute ${a.name}`);
  }
  if (depth < 200) for (const c of el.children) checkElement(c, n, depth + 1);
}

/** Arbitrary QEMU option strings: the real keys and values, and junk. */
const optPiece = fc.oneof(
  fc.constantFrom('memory-backend-file', 'nvdimm', 'id=mem1', 'size=1G', 'share=on', 'noshare', 'mem-path=/a,,b', ',', ',,', '=', '{', '}', '"', ':', '[', ']', 'true', '1', '-1', '1e99', '\\u0041', '\\', ' ', 'help', '?', '.', 'a.b=1', 'x'),
  fc.string({ maxLength: 3 }),
);
const arbOptString = fc.array(optPiece, { maxLength: 14 }).map((p) => p.join(''));

/** Structured, valid command lines for the model round trip. */
const ident = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
const plainValue = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9/._:-]{1,10}$/),
  fc.constantFrom('on', 'off', '1G', '128K', '/tmp/a,b.img', 'a,,b', 'x y', "it's", '$HOME', '"q"', '\u{1F600}', 'caf\u00e9'),
);
const kvPairs = fc.uniqueArray(fc.tuple(ident, plainValue), { maxLength: 4, selector: ([k]) => k });
const arbOption = fc.oneof(
  fc.record({ flag: fc.constant('-object'), head: fc.constantFrom('memory-backend-file', 'memory-backend-ram'), kv: kvPairs }),
  fc.record({ flag: fc.constant('-device'), head: fc.constantFrom('nvdimm', 'virtio-pmem-pci', 'pc-dimm'), kv: kvPairs }),
  fc.record({ flag: fc.constantFrom('-machine', '-M'), head: fc.constantFrom('pc', 'q35'), kv: kvPairs }),
  fc.record({ flag: fc.constant('-m'), head: fc.constantFrom('1G', '512', '4G'), kv: kvPairs }),
  fc.record({ flag: fc.constant('-numa'), head: fc.constant('node'), kv: kvPairs }),
  fc.record({ flag: fc.constant('-object'), head: fc.constant('json'), kv: kvPairs }),
);
const arbCommandLine = fc.array(arbOption, { maxLength: 6 }).map((opts) => {
  const argv: string[] = [];
  for (const o of opts) {
    argv.push(o.flag);
    if (o.head === 'json') {
      const obj: Record<string, string> = { 'qom-type': 'memory-backend-file' };
      for (const [k, v] of o.kv) obj[k] = v;
      argv.push(JSON.stringify(obj));
    } else {
      argv.push([o.head, ...o.kv.map(([k, v]) => `${k}=${v.replace(/,/g, ',,')}`)].join(','));
    }
  }
  const quote = (s: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return `qemu-system-x86_64 ${argv.map(quote).join(' ')}\n`;
});

/** A model the renderer can reproduce: no unresolved expansions, every option string well-formed. */
function known(vm: VmModel): boolean {
  const parsed = [...vm.machines, ...vm.memories, ...vm.numa, ...vm.objects, ...vm.devices].map((i) => i.parsed);
  return vm.args.every((w) => w.value.unknown.length === 0) && parsed.every((p) => p.errors.length === 0);
}

/** The models of a script (shell layer and model builder; the rules do not matter here). */
function models(text: string): VmModel[] {
  return analyzeShell(text).invocations.map((inv) =>
    buildVm({ origin: 'shell', binaryName: inv.binaryName, binarySpan: inv.binary.span, span: inv.span, args: inv.args }),
  );
}

function roundTrip(text: string): void {
  for (const vm of models(text)) {
    if (!known(vm)) continue;
    const script = renderScript(vm);
    const b = { vms: models(script) };
    if (b.vms.length !== 1) fail(`rendered script has ${b.vms.length} invocations: ${JSON.stringify(script)}`);
    const want = JSON.stringify(modelSummary(vm));
    const got = JSON.stringify(modelSummary(b.vms[0]));
    if (want !== got) fail(`model changed after rendering:\n  source   ${JSON.stringify(text)}\n  rendered ${JSON.stringify(script)}\n  before ${want}\n  after  ${got}`);
  }
}

const TWO64 = 1n << 64n;

export const PROPERTIES: readonly FuzzProperty<any>[] = [
  {
    name: 'pipeline: mutated real examples',
    arb: arbMutatedSeed,
    weight: 2,
    check: (d, stats) => {
      const p = checkDocument(d, stats);
      if (p.length) fail(p.join('\n'));
    },
  },
  {
    name: 'pipeline: free text as shell and XML',
    arb: arbFreeDoc,
    weight: 2,
    check: (d, stats) => {
      const p = checkDocument(d, stats);
      if (p.length) fail(p.join('\n'));
    },
  },
  {
    name: 'size: parseSize never throws',
    arb: fc.tuple(fc.oneof(arbText(6), fc.stringMatching(/^[ +-]?(0x)?[0-9a-fA-F.]{0,22}[bkmgtpeBKMGTPE]?i?B?$/)), fc.constantFrom<'B' | 'M'>('B', 'M')),
    weight: 3,
    check: ([s, unit]) => {
      const r = parseSize(s, { defaultUnit: unit });
      if (r.ok && (r.big < 0n || r.big >= TWO64)) fail(`parseSize(${JSON.stringify(s)}) = ${r.big}, outside 64 bits`);
    },
  },
  {
    name: 'size: formatSize then parseSize gives the same bytes',
    arb: fc.tuple(fc.oneof(fc.bigInt({ min: 0n, max: TWO64 - 1n }), fc.bigInt({ min: 0n, max: 1n << 20n }).map((x) => x << BigInt(10 * (Number(x % 7n))))), fc.boolean()),
    weight: 3,
    check: ([v, bytesSuffix]) => {
      if (v >= TWO64) return;
      const text = formatSize(v, { bytesSuffix });
      for (const unit of bytesSuffix ? (['B', 'M'] as const) : (['B'] as const)) {
        const r = parseSize(text, { defaultUnit: unit });
        if (!r.ok || r.big !== v) fail(`formatSize(${v}) = ${text} parses back as ${r.ok ? r.big : r.message} (defaultUnit ${unit})`);
      }
    },
  },
  {
    name: 'optstring: QemuOpts, keyval and JSON parsers stay in range',
    arb: fc.tuple(arbOptString, fc.constantFrom(null, 'driver', 'type')),
    weight: 3,
    check: ([s, implied]) => {
      checkOpts(s, parseQemuOpts(s, implied));
      checkOpts(s, parseKeyval(s, implied));
      checkOpts(s, parseJsonOpts(s));
    },
  },
  {
    name: 'shell: words map into the document',
    arb: arbText(80),
    weight: 2,
    check: (s) => {
      const r = analyzeShell(s);
      for (const inv of r.invocations) {
        for (const w of [inv.binary, ...inv.args]) {
          if (!(0 <= w.span.start && w.span.start <= w.span.end && w.span.end <= s.length)) fail(`word span outside: ${JSON.stringify(s)}`);
          checkMapped(w.value, s.length, 'shell word');
        }
      }
      for (const p of r.problems) if (!(0 <= p.span.start && p.span.end <= s.length)) fail('problem span outside');
    },
  },
  {
    name: 'shell: a VM built again from the text equals the one built from the words',
    arb: fc.oneof(arbText(80), arbMutatedSeed.filter((d) => d.fileName.endsWith('.sh')).map((d) => d.text)),
    weight: 2,
    // The analysis releases each invocation's words once checked (ShellModels.release).
    check: (s) => void checkRebuiltVms(s),
  },
  {
    name: 'xml: parser and domain extraction stay in range',
    arb: fc.oneof(arbText(80), arbText(60).map((b) => `<domain type='kvm'><devices><memory model='nvdimm'>${b}</memory></devices></domain>`)),
    weight: 2,
    check: (s) => {
      const doc = parseXmlDocument(s);
      if (doc.root) checkElement(doc.root, s.length);
      for (const e of doc.errors) if (!(0 <= e.span.start && e.span.end <= s.length)) fail('xml error span outside');
      parseLibvirtDomain(s);
    },
  },
  {
    name: 'model: rendered back to a command line, re-parses to the same model',
    arb: arbCommandLine,
    weight: 2,
    check: (s) => roundTrip(s),
  },
];

/** Runs one property; returns the number of cases run. Throws fast-check's report on failure. */
export function runProperty<T>(p: FuzzProperty<T>, numRuns: number, stats: CheckStats = newStats(), seed?: number, interruptAfterTimeLimit?: number): number {
  let n = 0;
  fc.assert(
    fc.property(p.arb, (v) => {
      n++;
      p.check(v, stats);
    }),
    { numRuns, seed, interruptAfterTimeLimit, markInterruptAsFailure: false },
  );
  return n;
}

/** The model round trip over every real example and corpus script. */
export function roundTripSeeds(texts: readonly string[]): void {
  for (const t of texts) roundTrip(t);
}
