// Shared expectations of the issue-6 scenarios: what the extension reports.

/** The `source` of the extension's diagnostics. */
export const SOURCE = 'qemu-pmem';

/** Diagnostic codes the fixtures must produce. */
export const CODES = {
  labelSizeTooSmall: 'label-size-too-small',
  nvdimmNotEnabled: 'nvdimm-not-enabled',
};

/** Problems-panel rows that come from the extension, optionally of one file. */
export function ours(rows, file) {
  return rows.filter((r) => r.source === SOURCE && (!file || r.file === file));
}

/** A one-line description of problem rows for error messages. */
export function describe(rows) {
  return rows.map((r) => `${r.file}:${r.line}:${r.column} ${r.severity} ${r.source}(${r.code}) ${r.message}`).join('\n') || '(none)';
}
