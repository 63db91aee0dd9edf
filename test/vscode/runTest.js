// `npm run test:vscode`: runs test/vscode/suite inside a real VS Code
// (Electron) through @vscode/test-electron.
//
// @vscode/test-electron normally downloads VS Code from update.code.visualstudio.com,
// which the CI machines cannot reach. So it only runs against an existing
// VS Code given by VSCODE_EXECUTABLE_PATH (e.g. /usr/share/code/code); without
// it this prints why it skips and exits 0. The UI-level tests that always run
// are the code-server ones: npm run test:e2e.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

async function main() {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  if (!vscodeExecutablePath) {
    console.log('test:vscode skipped: VSCODE_EXECUTABLE_PATH is not set (path of a VS Code executable >= 1.100; nothing is downloaded).');
    return 0;
  }
  if (!fs.existsSync(vscodeExecutablePath)) {
    console.error(`test:vscode: VSCODE_EXECUTABLE_PATH=${vscodeExecutablePath} does not exist`);
    return 1;
  }
  const { runTests } = require('@vscode/test-electron');
  const root = path.resolve(__dirname, '..', '..');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-pmem-vscode-test-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions', // other extensions; ours (the development one) stays enabled
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', path.join(tmp, 'user-data'),
        '--extensions-dir', path.join(tmp, 'extensions'),
      ],
      extensionTestsEnv: { QEMU_PMEM_TEST_WORKSPACE: workspace },
    });
    console.log('test:vscode passed');
    return 0;
  } catch (err) {
    console.error(`test:vscode failed: ${err && err.message ? err.message : err}`);
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
