/** Host facts for rules: lstat only, never a read or a write of the file. */
import * as fs from 'node:fs';
import type { HostView } from '../engine/rules/types';

export const nodeHost: HostView = {
  stat(path: string) {
    try {
      const st = fs.lstatSync(path);
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
  },
};
