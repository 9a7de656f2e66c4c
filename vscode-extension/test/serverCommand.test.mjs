// How the server process is chosen: the bundled native lspgen, or lspgen.server.path (an executable, or a .dll run with dotnet).
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
let resolveLspgen, ServerNotFound, checkDotnet, bundledServer;

before(async () => {
  // serverCommand.ts does not import vscode, so it runs under plain Node once bundled.
  const outfile = path.join(TMP, 'serverCommand.js');
  await esbuild.build({ entryPoints: [path.join(ROOT, 'src/serverCommand.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error' });
  ({ resolveLspgen, ServerNotFound, checkDotnet, bundledServer } = createRequire(import.meta.url)(outfile));
});

function extensionWithServer(mode = 0o755) {
  const extension = fs.mkdtempSync(path.join(TMP, 'ext-'));
  fs.mkdirSync(path.join(extension, 'server'));
  fs.writeFileSync(path.join(extension, 'server', 'lspgen'), '#!/bin/sh\n', { mode });
  return extension;
}

test('without a setting, the bundled native lspgen is run directly, without dotnet', () => {
  const extension = extensionWithServer();
  assert.deepEqual(resolveLspgen(extension, ''), { command: path.join(extension, 'server', 'lspgen'), args: [], origin: 'the bundled server' });
});

test('the bundled server is lspgen.exe on Windows and lspgen elsewhere', () => {
  assert.equal(bundledServer('/ext', 'win32'), path.join('/ext', 'server', 'lspgen.exe'));
  assert.equal(bundledServer('/ext', 'linux'), path.join('/ext', 'server', 'lspgen'));
  assert.equal(bundledServer('/ext', 'darwin'), path.join('/ext', 'server', 'lspgen'));
});

test('a bundled server that is not executable is reported with the fix', () => {
  const extension = extensionWithServer(0o644);
  assert.throws(() => resolveLspgen(extension, ''),
    error => error instanceof ServerNotFound && /is not executable/.test(error.message) && /chmod \+x/.test(error.message));
});

test('an extension built for another platform (an old framework-dependent lspgen.dll) says which package to install', () => {
  const extension = fs.mkdtempSync(path.join(TMP, 'ext-'));
  fs.mkdirSync(path.join(extension, 'server'));
  fs.writeFileSync(path.join(extension, 'server', 'lspgen.dll'), '');
  assert.throws(() => resolveLspgen(extension, ''),
    error => error instanceof ServerNotFound && /is missing/.test(error.message) && /for your platform/.test(error.message));
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

test('an extension without its server says to install the package for the platform or set lspgen.server.path', () => {
  const empty = fs.mkdtempSync(path.join(TMP, 'ext-'));
  assert.throws(() => resolveLspgen(empty, ''), error => error instanceof ServerNotFound && /lspgen\.server\.path/.test(error.message) && /for your platform/.test(error.message));
});

/** Runs checkDotnet with PATH holding only `folder`, where a fake `dotnet` may print some runtimes. */
async function checkDotnetWith(runtimes) {
  const folder = fs.mkdtempSync(path.join(TMP, 'path-'));
  if (runtimes !== undefined) {
    fs.writeFileSync(path.join(folder, 'dotnet'), `#!/bin/sh\nprintf '%s\\n' ${runtimes.map(r => `'${r}'`).join(' ')}\n`, { mode: 0o755 });
  }
  const saved = process.env.PATH;
  process.env.PATH = runtimes === undefined ? folder : `${folder}:/usr/bin:/bin`;
  try {
    return await checkDotnet();
  } finally {
    process.env.PATH = saved;
  }
}

test('without dotnet on PATH the message says to install .NET 10 and restart the server', async () => {
  const message = await checkDotnetWith(undefined);
  assert.match(message, /"dotnet" command was not found/);
  assert.match(message, /Install \.NET 10/);
  assert.match(message, /Restart Language Server/);
});

test('a dotnet without the .NET 10 runtime is reported with the runtimes it has', async () => {
  const message = await checkDotnetWith(['Microsoft.NETCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.NETCore.App]']);
  assert.match(message, /needs the \.NET 10 runtime/);
  assert.match(message, /Microsoft\.NETCore\.App 8\.0\.11/);
});

test('a dotnet with the .NET 10 runtime passes', async () => {
  assert.equal(await checkDotnetWith(['Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]']), undefined);
});
