// The quality gates of a generated project, each run with the project's own pyproject.toml:
//   ruff     the WebAssembly build (@astral-sh/ruff-wasm-nodejs): every finding fails
//   pyright  against the trixie test environment's packages: every error fails
//   bandit   Debian trixie's, inside that environment: every medium or high finding fails
// Usage: node tests/quality/gates.mjs PROJECT_DIR
// Prints one line per finding and one summary line per gate; exits 1 if any gate fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace, PositionEncoding } from '@astral-sh/ruff-wasm-nodejs';
import { parse as parseToml } from 'smol-toml';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const trixieRoot = process.env.TRIXIE_PYENV_ROOT || '/opt/trixie-py';
export const sitePackages = path.join(trixieRoot, 'usr/lib/python3/dist-packages');

function pyproject(projectDir) {
  const file = path.join(projectDir, 'pyproject.toml');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: a generated project ships its tool configuration`);
  return parseToml(fs.readFileSync(file, 'utf8'));
}

function pythonFiles(dir, root = dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__pycache__' && !entry.name.startsWith('.')) files.push(...pythonFiles(full, root));
    } else if (entry.name.endsWith('.py')) files.push(path.relative(root, full));
  }
  return files.sort();
}

/** Ruff's findings, as "path:line:col CODE message". The WebAssembly build checks text, not files, so
 * per-file-ignores (the only path-dependent setting) are applied here. */
export function ruffFindings(projectDir) {
  const ruff = structuredClone(pyproject(projectDir).tool?.ruff ?? {});
  const lint = ruff.lint ?? {};
  const perFile = lint['per-file-ignores'] ?? {};
  delete lint['per-file-ignores'];
  const workspace = new Workspace(ruff, PositionEncoding.Utf16);
  const findings = [];
  for (const file of pythonFiles(projectDir)) {
    const ignored = Object.entries(perFile).filter(([glob]) => path.matchesGlob(file, glob)).flatMap(([, codes]) => codes);
    const diagnostics = workspace.check(fs.readFileSync(path.join(projectDir, file), 'utf8'));
    diagnostics.sort((a, b) => a.start_location.row - b.start_location.row || a.start_location.column - b.start_location.column);
    for (const d of diagnostics) {
      if (d.code && ignored.some(code => d.code.startsWith(code))) continue;
      findings.push(`${file}:${d.start_location.row}:${d.start_location.column} ${d.code ?? 'syntax'} ${d.message}`);
    }
  }
  return findings;
}

/** Pyright's errors, with the project's [tool.pyright] and the test environment's packages. */
export function pyrightFindings(projectDir) {
  if (!fs.existsSync(sitePackages)) throw new Error(`${sitePackages} is missing: run bash tests/trixie-pyenv.sh ensure`);
  // The temporary configuration extends the project's, so relative paths of its own extraPaths are
  // re-rooted at the project, which is the execution root a user's `pyright` run has.
  const own = pyproject(projectDir).tool?.pyright?.extraPaths ?? [];
  const root = path.resolve(projectDir);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lspgen-pyright-'));
  try {
    const config = path.join(tmp, 'pyrightconfig.json');
    fs.writeFileSync(config, JSON.stringify({ extends: path.join(root, 'pyproject.toml'), extraPaths: [root, ...own.map(p => path.resolve(root, p)), sitePackages] }));
    const run = spawnSync(process.execPath, [path.join(repo, 'node_modules/pyright/index.js'), '--outputjson', '-p', config],
      { encoding: 'utf8', maxBuffer: 64 << 20 });
    let report;
    try { report = JSON.parse(run.stdout); } catch { throw new Error(`pyright did not report (exit ${run.status}): ${run.stderr || run.stdout}`); }
    return report.generalDiagnostics.filter(d => d.severity === 'error').map(d =>
      `${path.relative(projectDir, d.file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.rule ?? 'error'} ${d.message.split('\n')[0]}`);
  } finally { fs.rmSync(tmp, { recursive: true, force: true }); }
}

/** Bandit's medium and high findings, with the project's [tool.bandit], inside the trixie environment. */
export function banditFindings(projectDir) {
  const dir = path.resolve(projectDir);
  pyproject(projectDir);
  const run = spawnSync('bash', [path.join(repo, 'tests/trixie-pyenv.sh'), 'run', '--ro', dir, '-w', dir, '--',
    'bandit', '-q', '-c', 'pyproject.toml', '-r', '.', '-ll', '-f', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  let report;
  try { report = JSON.parse(run.stdout); } catch { throw new Error(`bandit did not report (exit ${run.status}): ${run.stderr || run.stdout}`); }
  if (report.errors?.length) throw new Error(`bandit could not check: ${JSON.stringify(report.errors)}`);
  return report.results.map(r => `${path.relative(dir, path.resolve(dir, r.filename))}:${r.line_number} ${r.test_id} ${r.issue_severity} ${r.issue_text}`);
}

export const gates = { ruff: ruffFindings, pyright: pyrightFindings, bandit: banditFindings };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const projectDir = process.argv[2];
  if (!projectDir) { console.error('usage: node tests/quality/gates.mjs PROJECT_DIR'); process.exit(2); }
  let failed = false;
  for (const [name, gate] of Object.entries(gates)) {
    let findings;
    try { findings = gate(projectDir); } catch (e) { findings = [`cannot run: ${e.message}`]; }
    for (const f of findings) console.log(`${name}: ${f}`);
    console.log(`${name}: ${findings.length === 0 ? 'ok' : `${findings.length} finding(s)`}`);
    failed ||= findings.length > 0;
  }
  process.exit(failed ? 1 : 0);
}
