// The extension's package.json is its contract with VS Code: these tests pin what the issue promises
// (languages that do not steal plain YAML/Markdown, the commands, the settings) to the manifest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const source = fs.readdirSync(path.join(ROOT, 'src')).map(f => fs.readFileSync(path.join(ROOT, 'src', f), 'utf8')).join('\n');

test('the spec language claims spec files only, never every YAML file', () => {
  const spec = manifest.contributes.languages.find(l => l.id === 'lspgen-spec');
  assert.deepEqual(spec.filenames, ['spec.yaml', 'spec.yml']);
  assert.deepEqual(spec.filenamePatterns, ['*.spec.yaml', '*.spec.yml', '*.lspgen.yaml', '*.lspgen.yml']);
  assert.equal(spec.extensions, undefined, 'an "extensions" entry would take over every .yaml file');
});

test('the PRD language claims *.prd.md only, never every Markdown file', () => {
  const prd = manifest.contributes.languages.find(l => l.id === 'lspgen-prd');
  assert.deepEqual(prd.filenamePatterns, ['*.prd.md']);
  assert.equal(prd.extensions, undefined);
});

test('each grammar reuses the built-in grammar of its base language', () => {
  for (const grammar of manifest.contributes.grammars) {
    const file = JSON.parse(fs.readFileSync(path.join(ROOT, grammar.path), 'utf8'));
    assert.equal(file.scopeName, grammar.scopeName);
    const base = grammar.language === 'lspgen-spec' ? 'source.yaml' : 'text.html.markdown';
    assert.deepEqual(file.patterns, [{ include: base }]);
  }
});

test('the palette commands are in the LspGen category and each one is registered by the code', () => {
  const titles = manifest.contributes.commands.map(c => c.title).sort();
  assert.deepEqual(titles, ['Convert PRD to Spec', 'Draft Spec from Description', 'Generate Backend', 'New Spec', 'Preview Generated Files', 'Restart Language Server', 'Show Output']);
  for (const command of manifest.contributes.commands) {
    assert.equal(command.category, 'LspGen', command.command);
    assert.ok(source.includes(`registerCommand('${command.command}'`), `${command.command} is contributed but never registered`);
  }
});

test('the palette commands never reuse the server\'s command ids (vscode-languageclient registers those)', () => {
  for (const command of manifest.contributes.commands) {
    assert.ok(!['lspgen.generate', 'lspgen.preview', 'lspgen.prdToSpec', 'lspgen.draftSpec'].includes(command.command), command.command);
  }
});

test('the settings exist with safe defaults', () => {
  const properties = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(properties).sort(), ['lspgen.draft.allowedHosts', 'lspgen.draft.apiKeyEnv', 'lspgen.draft.baseUrl', 'lspgen.draft.model',
    'lspgen.draft.timeoutSeconds', 'lspgen.generateOnSave', 'lspgen.outputDirectory', 'lspgen.server.path', 'lspgen.trace.server']);
  // Where drafting may send descriptions (and the key) is decided in user settings only, never by a workspace.
  for (const key of ['lspgen.draft.baseUrl', 'lspgen.draft.apiKeyEnv', 'lspgen.draft.allowedHosts']) assert.equal(properties[key].scope, 'application', key);
  assert.equal(properties['lspgen.draft.baseUrl'].default, 'http://127.0.0.1:11434/v1');
  assert.deepEqual(properties['lspgen.draft.allowedHosts'].default, []);
  assert.equal(properties['lspgen.generateOnSave'].default, false);
  assert.equal(properties['lspgen.trace.server'].default, 'off');
  assert.equal(properties['lspgen.server.path'].default, '');
});

test('activation happens on both languages and on workspaces holding specs or PRDs', () => {
  for (const event of ['onLanguage:lspgen-spec', 'onLanguage:lspgen-prd', 'workspaceContains:**/spec.yaml', 'workspaceContains:**/*.spec.yaml', 'workspaceContains:**/*.prd.md']) {
    assert.ok(manifest.activationEvents.includes(event), event);
  }
});

test('the .vsix ships the bundle and the native server, not node_modules, debug symbols or a .dll', () => {
  const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
  assert.match(ignore, /^\*\*$/m);
  assert.match(ignore, /^!dist\/extension\.js$/m);
  assert.match(ignore, /^!server\/lspgen$/m);
  assert.match(ignore, /^!server\/lspgen\.exe$/m);
  assert.doesNotMatch(ignore, /^!server\/.*(\*|\.dll|\.dbg|\.pdb)/m);
  assert.doesNotMatch(ignore, /^!.*node_modules/m);
  assert.equal(manifest.main, './dist/extension.js');
});

test('npm run package builds platform-specific packages with scripts/package.mjs', () => {
  assert.equal(manifest.scripts.package, 'node scripts/package.mjs');
  assert.equal(manifest.scripts['publish-server'], undefined, 'the framework-dependent publish is gone');
});
