// Bundles the extension and vscode-languageclient into dist/extension.js (the .vsix ships no node_modules).
// Usage: node scripts/build.mjs [--production]
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
await esbuild.build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  outfile: 'dist/extension.js',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});
