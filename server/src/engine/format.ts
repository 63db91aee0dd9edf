/**
 * Number formatting for messages. Not Number.prototype.toLocaleString: its
 * first call loads ICU data (tens of milliseconds), which would land on the
 * first hover or the first analysis of a large file.
 */

/** 1234567 → "1,234,567" (en-US digit grouping; integers). */
export function thousands(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return (n < 0 ? '-' : '') + out;
}
