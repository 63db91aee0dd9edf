// Small statistics and formatting helpers for the benchmark.

export function sorted(xs) {
  return [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0..100). */
export function pct(xs, p) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const k = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[k];
}

export function median(xs) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Formats milliseconds with sensible precision. */
export function ms(x) {
  if (!Number.isFinite(x)) return 'n/a';
  if (x < 1) return `${x.toFixed(2)} ms`;
  if (x < 100) return `${x.toFixed(1)} ms`;
  return `${Math.round(x)} ms`;
}

export function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return 'n/a';
  const r = a / b;
  return r < 0.1 ? `${(r * 100).toFixed(1)}%` : `${r.toFixed(2)}×`;
}

/**
 * Growth per 10× of input between two sizes: (t2/t1)^(1/log10(n2/n1)).
 * 10 means linear; more means worse than linear.
 */
export function per10x(n1, t1, n2, t2) {
  if (!(t1 > 0) || !(t2 > 0) || n2 <= n1) return NaN;
  return Math.pow(t2 / t1, 1 / Math.log10(n2 / n1));
}

/** A text table (for the console) from a header and rows of strings. */
export function textTable(header, rows) {
  const all = [header, ...rows];
  const w = header.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c ?? '').padEnd(w[i]) : String(c ?? '').padStart(w[i]))).join('  ');
  return [line(header), w.map((x) => '-'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table as GitHub markdown. */
export function mdTable(header, rows) {
  const esc = (c) => String(c ?? '').replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
