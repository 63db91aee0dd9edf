/**
 * Which findings of a document are published as diagnostics when there are
 * more than an editor shows. VS Code shows at most 1,000 diagnostics per file
 * (errors first, then warnings, information, hints) and drops the rest after
 * they were sent; sending 10,000 costs a quarter of a second and megabytes of
 * JSON for nothing. The server publishes the same choice itself, plus one
 * note saying how many are not shown (`problems-not-shown`).
 */
import { thousands } from './format';
import type { Finding, Severity } from './rules/types';

/** Default of `qemuPmem.diagnostics.maxPerFile`: what VS Code shows per file. */
export const DEFAULT_MAX_SHOWN = 1000;

const ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Findings that explain a limit of the analysis itself: always shown. */
const ALWAYS = new Set(['problems-not-checked']);

/**
 * At most `max` of `findings` (in document order as given), chosen by
 * severity then position, plus one `problems-not-shown` note when some are
 * left out. The note sits on the first finding left out.
 */
export function shownFindings(findings: readonly Finding[], max: number): Finding[] {
  if (findings.length <= max) return findings as Finding[];
  const keep = new Uint8Array(findings.length);
  let room = max;
  for (let i = 0; i < findings.length; i++) {
    if (ALWAYS.has(findings[i].code)) {
      keep[i] = 1;
      room--;
    }
  }
  for (const severity of ORDER) {
    for (let i = 0; i < findings.length && room > 0; i++) {
      if (!keep[i] && findings[i].severity === severity) {
        keep[i] = 1;
        room--;
      }
    }
  }
  const out: Finding[] = [];
  let firstLeft = -1;
  for (let i = 0; i < findings.length; i++) {
    if (keep[i]) out.push(findings[i]);
    else if (firstLeft < 0) firstLeft = i;
  }
  const left = findings.length - out.length;
  const at = findings[firstLeft];
  const note: Finding = {
    code: 'problems-not-shown',
    severity: 'information',
    span: { start: at.span.start, end: at.span.start },
    message:
      `qemu-pmem shows ${thousands(out.length)} of the ${thousands(findings.length)} problems in this file (errors first; ` +
      `setting qemuPmem.diagnostics.maxPerFile): ${thousands(left)} more are not shown, starting here. ` +
      '`qemu-pmem lint` on the file lists them all.',
  };
  // In document order, so the note goes before the first finding at or after it.
  const k = out.findIndex((f) => f.span.start >= note.span.start);
  out.splice(k < 0 ? out.length : k, 0, note);
  return out;
}
