/**
 * Scratch copies of the user's backing files. The user's files are only
 * ever stat()ed: every mem-path is pointed at a scratch path in the probe's
 * private directory that mirrors what QEMU would find at the user's path:
 *
 *   user path                      scratch
 *   regular file of N bytes    →   sparse file of N bytes (same mode bits);
 *                                  a file smaller than size= thus gets the
 *                                  same refusal, a larger one the same use
 *   directory                  →   empty directory (QEMU makes an unlinked temp file in it)
 *   missing, parent exists     →   nothing (QEMU creates it, as it would)
 *   missing parent directory   →   a path under a missing directory (same error)
 *   character/block device     →   sparse file of size= bytes (cannot be mirrored; noted)
 *
 * Two backends on the same user file share one scratch file, so aliasing
 * is reproduced too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackendInfo, ProbeOption } from './argv';
import { describeBackends, rewriteMemPaths } from './argv';

export type ScratchKind = 'file' | 'directory' | 'missing' | 'missing-parent' | 'device' | 'unreadable';

export interface ScratchBacking {
  /** The backend as the user wrote it. */
  readonly backend: BackendInfo;
  /** mem-path as typed, and resolved against the invocation's working directory. */
  readonly userPath: string;
  readonly resolvedUserPath: string;
  readonly scratchPath: string;
  readonly kind: ScratchKind;
  /** Size of the user's file (regular files only). */
  readonly userSize: number | null;
}

export interface ScratchPlan {
  /** The options with every mem-path pointing at scratch. */
  readonly options: ProbeOption[];
  readonly backings: readonly ScratchBacking[];
  /** [scratch path, user path as typed] for putting user paths back into QEMU's messages. */
  readonly substitutions: readonly (readonly [string, string])[];
  readonly notes: readonly string[];
}

export async function prepareScratch(options: readonly ProbeOption[], dir: string, cwd: string): Promise<ScratchPlan> {
  const backings: ScratchBacking[] = [];
  const notes: string[] = [];
  const byResolved = new Map<string, { scratchPath: string; kind: ScratchKind; userSize: number | null }>();
  const byOption = new Map<number, string>();
  let k = 0;
  for (const b of describeBackends(options)) {
    if (b.qomType !== 'memory-backend-file' || b.memPath === null) continue;
    const resolved = path.resolve(cwd, b.memPath);
    let entry = byResolved.get(resolved);
    if (!entry) {
      const slot = path.join(dir, `b${k++}`);
      await fs.promises.mkdir(slot, { mode: 0o700 });
      const base = path.basename(resolved) || 'backing';
      entry = await mirror(resolved, slot, base, b, notes);
      byResolved.set(resolved, entry);
    }
    byOption.set(b.option, entry.scratchPath);
    backings.push({ backend: b, userPath: b.memPath, resolvedUserPath: resolved, ...entry });
  }
  const rewritten = rewriteMemPaths(options, (b) => byOption.get(b.option) ?? null);
  const substitutions = backings.map((x) => [x.scratchPath, x.userPath] as const);
  return { options: rewritten, backings, substitutions, notes };
}

async function mirror(
  resolved: string,
  slot: string,
  base: string,
  b: BackendInfo,
  notes: string[],
): Promise<{ scratchPath: string; kind: ScratchKind; userSize: number | null }> {
  const scratchPath = path.join(slot, base);
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(resolved);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const parentOk = await fs.promises.stat(path.dirname(resolved)).then((p) => p.isDirectory(), () => false);
      if (parentOk) return { scratchPath, kind: 'missing', userSize: null };
      return { scratchPath: path.join(slot, 'missing', base), kind: 'missing-parent', userSize: null };
    }
    notes.push(`cannot stat ${resolved} (${code}); the probe uses a ${b.size ?? 0}-byte scratch file instead`);
    await createSparse(scratchPath, b.size ?? 0, 0o600);
    return { scratchPath, kind: 'unreadable', userSize: null };
  }
  if (st.isFile()) {
    await createSparse(scratchPath, st.size, st.mode & 0o777);
    return { scratchPath, kind: 'file', userSize: st.size };
  }
  if (st.isDirectory()) {
    await fs.promises.mkdir(scratchPath, { mode: st.mode & 0o777 });
    return { scratchPath, kind: 'directory', userSize: null };
  }
  notes.push(`${resolved} is a device, not a file; the probe uses a sparse ${b.size ?? 0}-byte file instead (DAX behaviour is not reproduced)`);
  await createSparse(scratchPath, b.size ?? 0, 0o600);
  return { scratchPath, kind: 'device', userSize: null };
}

async function createSparse(file: string, size: number, mode: number): Promise<void> {
  const fh = await fs.promises.open(file, 'wx', 0o600);
  try {
    await fh.truncate(size);
  } finally {
    await fh.close();
  }
  // Mirror the user's permission bits only after sizing the file.
  await fs.promises.chmod(file, mode);
}
