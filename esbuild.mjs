// Bundles the extension client, the language server, the CLI and the launch
// runner into dist/ (CommonJS, Node 20). `--production` minifies and drops
// source maps; `--watch` rebuilds on change.
//
// The client and the server each start from a small bundle that loads its
// heavy part (a second bundle next to it) only after it has answered: the
// server's `initialize` (server/src/lsp/main.ts), the extension's activate()
// (client/src/extension.ts). The small bundle requires './<name>-impl', which
// stays a require of dist/<name>-impl.js here.
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/** Leaves `require('./<name>')` to be resolved at run time, next to the bundle. */
const lazy = (name) => ({
  name: `lazy-${name}`,
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./${name}$`) }, () => ({ path: `./${name}.js`, external: true }));
  },
});

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], plugins: [lazy('client-impl')] },
  { entryPoints: ['client/src/client-impl.ts'], outfile: 'dist/client-impl.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', plugins: [lazy('server-impl')] },
  { entryPoints: ['server/src/lsp/server-impl.ts'], outfile: 'dist/server-impl.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['server/src/probe/run-and-capture.ts'], outfile: 'dist/run-and-capture.js' },
];

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
  console.log('esbuild: watching');
} else {
  const started = Date.now();
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  const sizes = entries.map((e) => `${e.outfile} ${(statSync(e.outfile).size / 1024).toFixed(0)} KiB`).join(', ');
  console.log(`esbuild: built in ${Date.now() - started} ms${production ? ' (production)' : ''}: ${sizes}`);
}
