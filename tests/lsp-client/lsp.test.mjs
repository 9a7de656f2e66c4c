// A real LSP client we did not write (vscode-languageserver-protocol) drives `lspgen lsp --stdio`
// through an authoring session: diagnostics, completion, hover, a quick fix, generation to disk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lsp, startServer, applyEdits, lspgenCommand } from './lspgen-server.mjs';

const spec = `spec_version: "1.0"
project_name: todo_app
entities:
  - name: Task
    fields:
      - name: id
        type: uuid
        primary_key: true
      - name: title
        type: int
`;

let workspace, server, uri, text, version = 1, initializeResult;

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'lspgen-lsp-client-'));
  const file = join(workspace, 'todo.spec.yaml');
  writeFileSync(file, spec);
  uri = pathToFileURL(file).href;
  text = spec;
  server = startServer();
  initializeResult = await server.connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, applyEdit: true },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        completion: { completionItem: { snippetSupport: true } },
        hover: { contentFormat: ['markdown'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
      },
    },
  });
  await server.connection.sendNotification(lsp.InitializedNotification.type, {});
  await server.connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'yaml', version, text },
  });
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'exit code after shutdown + exit');
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

const diagnosticsOf = v => server.waitFor('textDocument/publishDiagnostics', p => p.uri === uri && p.version === v);

test('initialize announces the features', () => {
  const c = initializeResult.capabilities;
  assert.equal(initializeResult.serverInfo.name, 'lspgen');
  assert.equal(c.textDocumentSync.change, lsp.TextDocumentSyncKind.Incremental);
  assert.deepEqual(c.executeCommandProvider.commands, ['lspgen.generate', 'lspgen.preview', 'lspgen.prdToSpec', 'lspgen.draftSpec']);
  assert.ok(c.hoverProvider && c.completionProvider && c.codeActionProvider && c.renameProvider.prepareProvider);
});

test('an invalid type is reported as LSG012 at the exact range', async () => {
  const published = await diagnosticsOf(1);
  assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics));
  const [d] = published.diagnostics;
  assert.equal(d.code, 'LSG012');
  assert.equal(d.source, 'lspgen');
  assert.equal(d.severity, lsp.DiagnosticSeverity.Error);
  assert.deepEqual(d.range, { start: { line: 9, character: 14 }, end: { line: 9, character: 17 } });
  assert.match(d.codeDescription.href, /diagnostics\.md#lsg012$/);
});

test('completion after "type: " offers the field types', async () => {
  const result = await server.connection.sendRequest(lsp.CompletionRequest.type, {
    textDocument: { uri }, position: { line: 9, character: 14 },
  });
  const labels = (Array.isArray(result) ? result : result.items).map(i => i.label);
  for (const type of ['string', 'integer', 'float', 'boolean', 'datetime', 'uuid', 'text']) assert.ok(labels.includes(type), `${type} in ${labels}`);
});

test('hover on a key explains it', async () => {
  const hover = await server.connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 3 } });
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /project/i);
});

test('the quick fix replaces the type and the diagnostic disappears', async () => {
  const [diagnostic] = (await diagnosticsOf(1)).diagnostics;
  const actions = await server.connection.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  const preferred = actions.find(a => a.isPreferred);
  assert.ok(preferred, JSON.stringify(actions.map(a => a.title)));
  assert.equal(preferred.kind, 'quickfix');
  const edits = preferred.edit.changes[uri];
  text = applyEdits(text, edits);
  assert.match(text, /type: integer\n$/);

  version = 2;
  await server.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: edits.map(e => ({ range: e.range, text: e.newText })),
  });
  const published = await diagnosticsOf(2);
  assert.deepEqual(published.diagnostics, []);
});

test('lspgen.generate writes the project into a folder', async () => {
  await diagnosticsOf(2);
  const output = join(workspace, 'generated');
  const result = await server.connection.sendRequest(lsp.ExecuteCommandRequest.type, {
    command: 'lspgen.generate', arguments: [uri, output],
  });
  assert.equal(result.outputFolder, output);
  assert.ok(result.written > 10, JSON.stringify(result));
  assert.deepEqual(result.conflicts, []);
  for (const file of ['app/main.py', 'requirements.txt']) assert.ok(existsSync(join(output, file)), `${file} exists`);
  assert.ok(existsSync(join(output, 'app', 'models.py')) || existsSync(join(output, 'app', 'models')), 'app/models exists');
  assert.match(readFileSync(join(output, 'app', 'main.py'), 'utf8'), /FastAPI/);
  const message = await server.waitFor('window/showMessage', m => /Generated/.test(m.message));
  assert.match(message.message, new RegExp(`Generated ${result.written} files`));
  const progress = server.received.filter(n => n.method === '$/progress').map(n => n.params.value.kind);
  assert.equal(progress[0], 'begin');
  assert.equal(progress.at(-1), 'end');
});

// The database follows the spec: a project generated by the CLI records its schema snapshot, and the
// editor then says what the next migration does to it.
test('after lspgen generate, a removed field warns that its column is dropped, and rename adds renamed_from', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'lspgen-lsp-migrate-'));
  const generated = `spec_version: "1.0"
project_name: library
auth: {enabled: false}
entities:
  - name: Author
    fields:
      - name: id
        type: uuid
        primary_key: true
      - name: name
        type: string
      - name: biography
        type: text
`;
  const file = join(folder, 'library.spec.yaml');
  writeFileSync(file, generated);
  const { command, args } = lspgenCommand();
  execFileSync(command, [...args, 'generate', file, '--out', join(folder, 'library')], { stdio: 'pipe' });
  assert.ok(existsSync(join(folder, 'library', '.lspgen-schema.json')), 'generate wrote the schema snapshot');

  const migrating = startServer();
  try {
    const specUri = pathToFileURL(file).href;
    await migrating.connection.sendRequest(lsp.InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {} });
    await migrating.connection.sendNotification(lsp.InitializedNotification.type, {});
    const withoutBiography = generated.replace('      - name: biography\n        type: text\n', '');
    await migrating.connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: specUri, languageId: 'yaml', version: 1, text: withoutBiography },
    });
    const published = await migrating.waitFor('textDocument/publishDiagnostics', p => p.uri === specUri && p.version === 1);
    const drop = published.diagnostics.find(d => d.code === 'LSG031');
    assert.ok(drop, JSON.stringify(published.diagnostics));
    assert.equal(drop.severity, lsp.DiagnosticSeverity.Warning);
    assert.equal(drop.range.start.line, 4, 'on the line of the entity that lost the field');
    assert.match(drop.message, /biography/);
    assert.match(drop.message, /authors\.biography/);

    await migrating.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: specUri, version: 2 },
      contentChanges: [{ text: generated }],
    });
    const clean = await migrating.waitFor('textDocument/publishDiagnostics', p => p.uri === specUri && p.version === 2);
    assert.deepEqual(clean.diagnostics, []);
    // "      - name: biography" is line 11; rename the field to "bio".
    const edit = await migrating.connection.sendRequest(lsp.RenameRequest.type, {
      textDocument: { uri: specUri }, position: { line: 11, character: 16 }, newName: 'bio',
    });
    const renamed = applyEdits(generated, edit.changes[specUri]);
    assert.match(renamed, /      - name: bio\n        renamed_from: biography\n        type: text\n/);
  } finally {
    assert.equal(await migrating.stop(), 0, 'exit code after shutdown + exit');
    rmSync(folder, { recursive: true, force: true });
  }
});
