/**
 * libvirt glue: a domain XML becomes (1) the libvirt rules' findings and
 * (2) a VM model of the QEMU arguments libvirt would generate plus the
 * <qemu:commandline> passthrough, on which the QEMU rules run. Findings on
 * generated arguments land on the XML element they came from; their QEMU-side
 * fixes are dropped (an edit of generated text would corrupt the XML), except
 * inside <qemu:arg value> attributes, which are real QEMU text.
 */
import { lastStartingAtOrBefore, type Span } from './text';
import { parseLibvirtDomain, generateQemuArgs } from './xml';
import type { GeneratedArgs, LibvirtDomain, XmlDocument } from './xml/types';
import { buildVm } from './model/build';
import type { VmModel } from './model/types';
import { QEMU_RULES } from './rules';
import { runRules, type RunOptions } from './rules/run';
import type { Finding, Rule } from './rules/types';
import { LIBVIRT_RULE_LIST, coveredByLibvirt, libvirtRefuses, runLibvirtRules } from './libvirt-rules';

export interface LibvirtAnalysis {
  readonly doc: XmlDocument;
  readonly domain?: LibvirtDomain;
  readonly generated?: GeneratedArgs;
  /** QEMU's view: generated arguments followed by the passthrough ones. */
  readonly vm?: VmModel;
  readonly findings: readonly Finding[];
}

export const LIBVIRT_RULES: readonly { meta: Rule["meta"] }[] = LIBVIRT_RULE_LIST;

/**
 * A test "is this span inside one of `spans`", answered by binary search:
 * `spans` sorted by start, with the running maximum of their ends, so that
 * only the spans that can still hold `s` are looked at (with thousands of
 * <qemu:arg>s and as many findings, a scan per finding was quadratic).
 */
function insideAny(spans: readonly Span[]): (s: Span) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  for (let i = 0; i < sorted.length; i++) maxEnd.push(Math.max(sorted[i].end, i ? maxEnd[i - 1] : -Infinity));
  return (s) => {
    let j = lastStartingAtOrBefore(sorted, s.start);
    for (; j >= 0 && maxEnd[j] >= s.end; j--) if (sorted[j].end >= s.end) return true;
    return false;
  };
}

/** The emulator named in <devices><emulator>, else the arch's qemu-system binary. */
function binaryOf(domain: LibvirtDomain): string {
  const arch = domain.os?.type?.arch?.text;
  if (arch === 'aarch64') return 'qemu-system-aarch64';
  if (arch === 'ppc64' || arch === 'ppc64le') return 'qemu-system-ppc64';
  return 'qemu-system-x86_64';
}

/**
 * A domain the XML reader could not read at all (analyze.ts only calls this
 * for text whose root is <domain>): one information finding on the root's
 * start tag, so that silence is never mistaken for a clean bill of health.
 */
export function notReadFinding(text: string, why: string): Finding {
  const at = text.indexOf('<domain');
  return {
    code: 'xml-not-checked',
    severity: 'information',
    span: at < 0 ? { start: 0, end: 0 } : { start: at, end: at + '<domain'.length },
    message: `qemu-pmem could not read this domain, so nothing in it was checked: ${why}.`,
  };
}

export function analyzeLibvirt(text: string, options: RunOptions): LibvirtAnalysis {
  const { doc, domain } = parseLibvirtDomain(text);
  if (!domain) return { doc, findings: doc.errors.filter((e) => e.fatal).map((e) => notReadFinding(text, e.message)) };
  // In malformed XML the recovered tree may not be where the text is: an edit
  // could land inside a broken tag. Findings stay; their fixes wait for well-formed XML.
  const wellFormed = doc.errors.length === 0;
  const findings: Finding[] = runLibvirtRules(domain, text, options).map((f) => (wellFormed || !f.fixes?.length ? f : { ...f, fixes: [] }));
  const hasMemoryConfig = domain.memoryDevices.length > 0 || domain.qemuArgs.length > 0;
  if (!hasMemoryConfig) return { doc, domain, findings };
  const generated = generateQemuArgs(domain);
  const start = domain.element.startTagSpan;
  const vm = buildVm({
    origin: 'libvirt',
    binaryName: binaryOf(domain),
    binarySpan: start,
    span: domain.element.span,
    args: [...generated.words, ...domain.qemuArgs],
  });
  // Problems libvirt itself refuses are the libvirt rules' business; QEMU rules add what QEMU would refuse.
  const inPassthrough = insideAny(domain.qemuArgs.map((w) => w.span));
  const libvirtSpans = new Set(findings.map((f) => `${f.span.start}:${f.span.end}`));
  // When libvirt refuses the domain, QEMU never sees the generated arguments:
  // findings on them would be noise. Passthrough arguments are always linted.
  const refused = libvirtRefuses(findings);
  const libvirtFindings = [...findings];
  for (const f of runRules(QEMU_RULES, vm, text, options)) {
    // An edit inside one <qemu:arg value> must not add arguments: text with a
    // space (" -object ...") would become part of that one argument.
    const fixes = wellFormed ? (f.fixes ?? []).filter((fix) => fix.edits.every((e) => inPassthrough(e.span) && !/\s/.test(e.newText))) : [];
    const fromGenerated = !inPassthrough(f.span);
    if (fromGenerated && (refused || coveredByLibvirt(f.code, f.span, libvirtFindings))) continue;
    if (fromGenerated && libvirtSpans.has(`${f.span.start}:${f.span.end}`) && f.severity !== 'error') continue;
    findings.push({
      ...f,
      message: fromGenerated ? `${f.message} (in the QEMU arguments libvirt generates for this element)` : f.message,
      fixes,
    });
  }
  return { doc, domain, generated, vm, findings };
}
