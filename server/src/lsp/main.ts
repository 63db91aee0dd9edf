#!/usr/bin/env node
/**
 * qemu-pmem-language-server: `--stdio` (or --node-ipc, --socket=PORT).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_NAME, SERVER_VERSION, startServer } from './server';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${SERVER_NAME} ${SERVER_VERSION}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h') || !args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stdout.write(
    `${SERVER_NAME} ${SERVER_VERSION}\n\nUsage: ${SERVER_NAME} --stdio\n\nA language server for QEMU persistent-memory options (nvdimm, virtio-pmem-pci,\nmemory backends) in shell scripts and libvirt domain XML. Speak LSP on stdin/stdout.\nAlso: --node-ipc, --socket=PORT.\n`,
  );
  process.exit(args.includes('--help') || args.includes('-h') ? 0 : 2);
}

// Never die on a stray exception: log it and keep serving.
process.on('uncaughtException', (e) => {
  process.stderr.write(`${SERVER_NAME}: uncaught exception: ${e instanceof Error ? e.stack : String(e)}\n`);
});

startServer(createConnection(ProposedFeatures.all));
