// How the server process is chosen: bundled lspgen.dll with dotnet, or lspgen.server.path.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'lspgen-ext-test-'));
let resolveLspgen, ServerNotFound;

before(async () => {
  // serverCommand.ts does not import vscode, so it runs under plain Node once bundled.
  const outfile = path.join(TMP, 'serverCommand.js');
  await esbuild.build({ entryPoints: [path.join(ROOT, 'src/serverCommand.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error' });
  ({ resolveLspgen, ServerNotFound } = createRequire(import.meta.url)(outfile));
});

function extensionWithServer() {
  const extension = fs.mkdtempSync(path.join(TMP, 'ext-'));
  fs.mkdirSync(path.join(extension, 'server'));
  fs.writeFileSync(path.join(extension, 'server', 'lspgen.dll'), '');
  return extension;
}

test('without a setting, the bundled lspgen.dll is run with dotnet', () => {
  const extension = extensionWithServer();
  assert.deepEqual(resolveLspgen(extension, ''), { command: 'dotnet', args: [path.join(extension, 'server', 'lspgen.dll')], origin: 'the bundled server' });
});

test('lspgen.server.path naming a .dll runs it with dotnet; an executable runs directly', () => {
  const dll = path.join(TMP, 'other.dll');
  const exe = path.join(TMP, 'lspgen');
  fs.writeFileSync(dll, '');
  fs.writeFileSync(exe, '');
  assert.deepEqual(resolveLspgen(extensionWithServer(), dll), { command: 'dotnet', args: [dll], origin: 'lspgen.server.path' });
  assert.deepEqual(resolveLspgen(extensionWithServer(), ` ${exe} `), { command: exe, args: [], origin: 'lspgen.server.path' });
});

test('a lspgen.server.path that does not exist is reported with the setting\'s name', () => {
  assert.throws(() => resolveLspgen(extensionWithServer(), '/nowhere/lspgen.dll'),
    error => error instanceof ServerNotFound && /lspgen\.server\.path/.test(error.message) && /\/nowhere\/lspgen\.dll/.test(error.message));
});

test('an extension without its server says to reinstall', () => {
  const empty = fs.mkdtempSync(path.join(TMP, 'ext-'));
  assert.throws(() => resolveLspgen(empty, ''), error => error instanceof ServerNotFound && /Reinstall/.test(error.message));
});
