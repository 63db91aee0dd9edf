// `npm run fuzz`: the long property-based fuzz run (test/fuzz/long-run.ts,
// run under tsx). At least 100,000 cases by default; see that file for the
// flags (--cases N, --time S, --seed N, --no-cost, --json FILE).
//   npm run fuzz -- --cases 200000 --time 900
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--stack-size=4000', '--import', 'tsx', join(root, 'test', 'fuzz', 'long-run.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
