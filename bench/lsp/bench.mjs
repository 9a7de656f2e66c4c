// Drives a language server over stdio like an editor and measures, on the 1,000-entity spec:
//   startup     spawn → initialize response
//   open        didOpen → first publishDiagnostics
//   change      didChange (one character) → publishDiagnostics, repeated
//   completion  request → response at 200 varied positions (field types, keys)
//   memory      VmHWM of the server process (/proc/<pid>/status)
// for `lspgen lsp` and, as the reference, yaml-language-server with schemas/spec.schema.json.
// Usage: node bench.mjs [--only lspgen|yaml] [--json out.json] [--server "path/to/lspgen lsp"]
//   --server / LSPGEN_SERVER  the whole command that starts the lspgen language server, e.g. the
//                     NativeAOT binary: LSPGEN_SERVER="/tmp/lspgen-aot/lspgen lsp" (--stdio is added)
//   LSPGEN_BENCH_CMD  the command that runs lspgen, without "lsp" (default: /tmp/lspgen-r2r/lspgen, the
//                     ReadyToRun publish described in README.md)
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import lsp from 'vscode-languageserver-protocol/node.js';
import { makeSpec } from './make-spec.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const require = createRequire(import.meta.url);
const CHANGES = 30;
const COMPLETIONS = 200;

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const serverCommand = (args.includes('--server') ? args[args.indexOf('--server') + 1] : null) ?? process.env.LSPGEN_SERVER ?? null;

const servers = {
  lspgen: {
    name: 'lspgen lsp',
    command: serverCommand
      ? serverCommand.trim().split(/\s+/).concat(['--stdio'])
      : (process.env.LSPGEN_BENCH_CMD ?? '/tmp/lspgen-r2r/lspgen').split(/\s+/).concat(['lsp', '--stdio']),
    settings: () => ({}),
  },
  yaml: {
    name: 'yaml-language-server',
    command: [process.execPath, require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'],
    settings: () => ({
      yaml: {
        validate: true, completion: true, hover: true,
        schemas: { [pathToFileURL(join(repo, 'schemas', 'spec.schema.json')).href]: ['*.spec.yaml'] },
      },
    }),
  },
};

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = v => Math.round(v * 10) / 10;

function peakMemoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]);
  return round(kb / 1024);
}

async function measure(key) {
  const server = servers[key];
  const workspace = mkdtempSync(join(tmpdir(), 'lspgen-bench-'));
  const file = join(workspace, 'bench.spec.yaml');
  let text = makeSpec();
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const lines = text.split('\n');

  const t0 = performance.now();
  const [exe, ...rest] = server.command;
  const child = spawn(exe, rest, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', () => {});
  const connection = lsp.createProtocolConnection(new lsp.StreamMessageReader(child.stdout), new lsp.StreamMessageWriter(child.stdin));
  let onDiagnostics = null;
  connection.onNotification(lsp.PublishDiagnosticsNotification.type, p => {
    if (p.uri === uri && onDiagnostics) onDiagnostics(p);
  });
  connection.onRequest(lsp.ConfigurationRequest.type, p => p.items.map(i => server.settings()[i.section] ?? null));
  connection.onRequest(lsp.RegistrationRequest.type, () => null);
  connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
  connection.onNotification(() => {});
  connection.listen();

  await connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid, rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
        hover: { contentFormat: ['markdown'] },
      },
    },
  });
  const startup = performance.now() - t0;
  await connection.sendNotification(lsp.InitializedNotification.type, {});
  await connection.sendNotification(lsp.DidChangeConfigurationNotification.type, { settings: server.settings() });

  // Each publish for the document resolves the pending wait; the first one with content for the
  // awaited version wins (yaml-language-server does not send versions, so any publish after the change counts).
  const nextDiagnostics = version => new Promise(resolve => {
    onDiagnostics = p => {
      if (p.version === undefined || p.version === null || p.version === version) {
        onDiagnostics = null;
        resolve(p);
      }
    };
  });

  let version = 1;
  let t = performance.now();
  let published = nextDiagnostics(version);
  await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
  await published;
  const open = performance.now() - t;

  // Toggle one field type between valid and invalid in the middle of the document.
  const typeLine = lines.findIndex((l, i) => i > lines.length / 2 && l === '        type: string');
  const column = '        type: strin'.length;
  const changes = [];
  for (let i = 0; i < CHANGES; i++) {
    version++;
    const breakIt = i % 2 === 0;
    const change = breakIt
      ? { range: { start: { line: typeLine, character: column }, end: { line: typeLine, character: column + 1 } }, text: 'x' }
      : { range: { start: { line: typeLine, character: column }, end: { line: typeLine, character: column + 1 } }, text: 'g' };
    published = nextDiagnostics(version);
    t = performance.now();
    await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    const p = await published;
    changes.push(performance.now() - t);
    const errors = p.diagnostics.filter(d => d.severity === 1).length;
    if (breakIt && errors === 0) throw new Error(`${server.name}: no error reported for the broken type (version ${version})`);
  }

  // Completion: after "type: " (field types) and at the start of a key (keys of a field), across the document.
  const typeLines = lines.flatMap((l, i) => (l.startsWith('        type: ') ? [i] : []));
  const completions = [];
  let emptyAnswers = 0;
  for (let i = 0; i < COMPLETIONS; i++) {
    const line = typeLines[(i * 7919) % typeLines.length];
    const position = i % 2 === 0 ? { line, character: '        type: '.length } : { line, character: 8 };
    t = performance.now();
    const result = await connection.sendRequest(lsp.CompletionRequest.type, { textDocument: { uri }, position });
    completions.push(performance.now() - t);
    const items = Array.isArray(result) ? result : result?.items ?? [];
    if (items.length === 0) emptyAnswers++;
  }

  const memory = peakMemoryMb(child.pid);
  await connection.sendRequest(lsp.ShutdownRequest.type);
  await connection.sendNotification(lsp.ExitNotification.type);
  setTimeout(() => child.kill(), 3000).unref();
  connection.dispose();
  rmSync(workspace, { recursive: true, force: true });

  return {
    server: server.name,
    lines: lines.length - 1,
    startupMs: round(startup),
    openToDiagnosticsMs: round(open),
    changeToDiagnosticsMs: { p50: round(percentile(changes, 50)), p95: round(percentile(changes, 95)), first: round(changes[0]) },
    completionMs: { p50: round(percentile(completions, 50)), p95: round(percentile(completions, 95)), emptyAnswers },
    peakMemoryMb: memory,
  };
}

const results = [];
for (const key of Object.keys(servers)) {
  if (only && only !== key) continue;
  const result = await measure(key);
  console.log(JSON.stringify(result));
  results.push(result);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2) + '\n');
process.exit(0);
