// A headless Neovim (a client we did not write) attaches `lspgen lsp` to a spec with an invalid type
// and sees the diagnostic and the completion items. Fails, never skips, when nvim is missing: CI
// installs it (apt-get install neovim, see .ci/run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lspgenCommand } from './lspgen-server.mjs';

const initLua = join(dirname(fileURLToPath(import.meta.url)), '..', 'nvim', 'init.lua');

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

test('neovim shows LSG012 and completes field types', () => {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.ok(!version.error, 'nvim is not installed: apt-get install -y --no-install-recommends neovim');

  const workspace = mkdtempSync(join(tmpdir(), 'lspgen-nvim-'));
  try {
    const file = join(workspace, 'todo.spec.yaml');
    const out = join(workspace, 'result.json');
    writeFileSync(file, spec);
    const { command, args } = lspgenCommand();
    const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', initLua, file], {
      encoding: 'utf8',
      timeout: 60000,
      env: {
        ...process.env,
        LSPGEN_LSP_CMD: JSON.stringify([command, ...args, 'lsp', '--stdio']),
        PROBE_OUT: out,
        PROBE_LINE: '9',
        PROBE_CHARACTER: '14',
        XDG_CONFIG_HOME: join(workspace, 'config'),
        XDG_DATA_HOME: join(workspace, 'data'),
        XDG_STATE_HOME: join(workspace, 'state'),
        XDG_CACHE_HOME: join(workspace, 'cache'),
      },
    });
    assert.ok(existsSync(out), `nvim wrote no result (exit ${run.status}, signal ${run.signal}):\n${run.stdout}\n${run.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(result.error, undefined, result.error);
    assert.ok(result.diagnostics_arrived, JSON.stringify(result));
    assert.deepEqual(result.clients, ['lspgen']);
    const lsg012 = result.diagnostics.find(d => d.code === 'LSG012');
    assert.ok(lsg012, JSON.stringify(result.diagnostics));
    assert.deepEqual([lsg012.line, lsg012.col, lsg012.end_line, lsg012.end_col], [9, 14, 9, 17]);
    assert.equal(lsg012.source, 'lspgen');
    for (const type of ['string', 'integer', 'float', 'boolean', 'datetime', 'uuid', 'text']) {
      assert.ok(result.completion.includes(type), `${type} in ${JSON.stringify(result.completion)}`);
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});
