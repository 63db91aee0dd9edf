/** Output formats of `qemu-pmem lint`: text, json, sarif. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LineIndex, Range } from '../engine/text';
import type { Finding, Rule, Severity } from '../engine/rules/types';

export interface FileFindings {
  readonly file: string;
  readonly lines: LineIndex;
  readonly findings: readonly Finding[];
}

export interface JsonFinding {
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
}

export function toJson(results: readonly FileFindings[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      out.push({ file: r.file, range: r.lines.rangeOf(f.span), severity: f.severity, code: f.code, message: f.message });
    }
  }
  return out;
}

export function toText(results: readonly FileFindings[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const p = r.lines.positionAt(f.span.start);
      lines.push(`${r.file}:${p.line + 1}:${p.character + 1}: ${f.severity}: ${f.message} [${f.code}]`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(results: readonly FileFindings[], rules: readonly { meta: Rule['meta'] }[], version: string): object {
  const used = new Set<string>();
  for (const r of results) for (const f of r.findings) used.add(f.code);
  const ruleList = rules.filter((r) => used.has(r.meta.code));
  const index = new Map(ruleList.map((r, i) => [r.meta.code, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'qemu-pmem',
            version,
            rules: ruleList.map((r) => ({
              id: r.meta.code,
              name: r.meta.code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.meta.title },
              help: { text: `${r.meta.title}. See docs/rules/${r.meta.code}.md in the qemu-pmem package.` },
              defaultConfiguration: { level: LEVEL[r.meta.severity] },
              properties: { category: r.meta.category },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) =>
          r.findings.map((f) => {
            const range = r.lines.rangeOf(f.span);
            return {
              ruleId: f.code,
              ...(index.has(f.code) ? { ruleIndex: index.get(f.code) } : {}),
              level: LEVEL[f.severity],
              message: { text: f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: sarifUri(r.file) },
                    region: {
                      startLine: range.start.line + 1,
                      startColumn: range.start.character + 1,
                      endLine: range.end.line + 1,
                      endColumn: range.end.character + 1,
                    },
                  },
                },
              ],
            };
          }),
        ),
      },
    ],
  };
}

/** Relative paths stay relative (code-scanning services resolve them against the checkout). */
function sarifUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).toString();
  return file.split(path.sep).map(encodeURIComponent).join('/');
}
