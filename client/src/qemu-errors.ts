/** QEMU's stderr lines → messages on argv words (the probe module's mapping). */
import { analyzeStderr, findQemuBinary, splitOptions } from '../../server/src/probe';

export function findOnPath(name: string): string | undefined {
  return findQemuBinary(name) ?? undefined;
}

export function mapQemuErrorLines(
  lines: readonly string[],
  _binaryName: string,
  progName: string,
  argv: readonly string[],
): { message: string; argIndex: number | null; warning: boolean }[] {
  const { options } = splitOptions(argv);
  const r = analyzeStderr(lines.join('\n'), { progName, options });
  const out = r.warnings.map((w) => ({ message: w.message, argIndex: w.argIndex, warning: true }));
  if (r.error) out.push({ message: r.error.message, argIndex: r.error.argIndex, warning: false });
  return out;
}
