// The main job (`npm start`): install dependencies if needed, build, package
// the .vsix, and lint the bundled examples/ with the CLI, printing what it finds.
import { readdirSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDeps, run } from './ensure-deps.mjs';

ensureDeps();
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
console.log('== build and package');
if (run('npm', ['run', '--silent', 'package']) !== 0) process.exit(1);
const vsix = `qemu-pmem-${version}.vsix`;
console.log(`packaged ${vsix}: ${(statSync(vsix).size / 1024).toFixed(0)} KiB`);

const examples = readdirSync('examples', { recursive: true })
  .map(String)
  .filter((f) => /\.(sh|xml)$/.test(f))
  .sort()
  .map((f) => join('examples', f));
console.log(`\n== qemu-pmem lint ${examples.length} examples`);
// The examples name backing files of an imaginary host: check the configuration, not this machine's disks.
const status = run('node', ['dist/cli.js', 'lint', '--no-host-checks', ...examples]);
// Findings in the broken examples are the point: exit 1 (errors found) is expected here.
if (status === 2) process.exit(2);
console.log('\nInstall the extension: code --install-extension ' + vsix);
