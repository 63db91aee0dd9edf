/** Host facts for rules: lstat only, never a read or a write of the file. */
import * as fs from 'node:fs';
import type { HostView } from '../engine/rules/types';

type Stat = ReturnType<HostView['stat']>;

function lstat(path: string): Stat {
  try {
    // throwIfNoEntry: a missing file (the usual answer for a script written
    // for another host) costs no exception and no stack trace.
    const st = fs.lstatSync(path, { throwIfNoEntry: false });
    if (!st) return undefined;
    const kind = st.isSymbolicLink()
      ? 'symlink'
      : st.isDirectory()
        ? 'dir'
        : st.isFile()
          ? 'file'
          : st.isBlockDevice() || st.isCharacterDevice()
            ? 'device'
            : 'other';
    return { kind, size: st.size };
  } catch {
    return undefined;
  }
}

export const nodeHost: HostView = { stat: lstat };

/**
 * A host view for one analysis: answers are kept until the current turn of
 * the event loop ends. Several rules stat the same backing file (and its
 * directory) for every invocation that names it; an analysis runs
 * synchronously, so it sees one snapshot of the host and each path costs one
 * system call. Work deferred to a later turn (incremental.ts computes the
 * full analysis on first use) stats afresh.
 */
export function turnCachedHost(): HostView {
  let turn: Map<string, Stat> | undefined;
  return {
    stat(path: string) {
      if (!turn) {
        turn = new Map();
        setImmediate(() => (turn = undefined));
      }
      if (turn.has(path)) return turn.get(path);
      const st = lstat(path);
      turn.set(path, st);
      return st;
    },
  };
}
