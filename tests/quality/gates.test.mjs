// The gates must be able to fail: each one is run on a small clean project (no finding) and on the
// same project with one defect of its kind (exactly that finding).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ruffFindings, pyrightFindings, banditFindings } from './gates.mjs';

const config = `[tool.ruff]
target-version = "py311"

[tool.ruff.lint]
select = ["E", "W", "F", "B", "S"]

[tool.ruff.lint.per-file-ignores]
"tests/**" = ["S101"]

[tool.pyright]
typeCheckingMode = "standard"
include = ["app", "tests"]
extraPaths = ["tests"]

[tool.bandit]
exclude_dirs = ["tests"]
`;
const clean = 'import subprocess\n\n\ndef version() -> str:\n    return subprocess.run(["uname"], capture_output=True, check=True, text=True).stdout  # noqa: S603, S607\n';

function project(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lspgen-gates-'));
  for (const [name, text] of Object.entries({ 'pyproject.toml': config, 'app/__init__.py': '', 'tests/helpers.py': 'VALUE = 1\n', 'tests/test_app.py': 'from helpers import VALUE\n\n\ndef test_value() -> None:\n    assert VALUE == 1\n', ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('a clean project passes every gate (per-file ignores and extraPaths applied)', () => {
  const dir = project({ 'app/main.py': clean });
  assert.deepEqual(ruffFindings(dir), []);
  assert.deepEqual(pyrightFindings(dir), []);
  assert.deepEqual(banditFindings(dir), []);
});

test('ruff reports an unused import and an assert outside the tests', () => {
  const dir = project({ 'app/main.py': 'import os\n\n\ndef check(x: int) -> None:\n    assert x\n' });
  assert.deepEqual(ruffFindings(dir).map(f => f.split(' ')[0] + ' ' + f.split(' ')[1]), ['app/main.py:1:8 F401', 'app/main.py:5:5 S101']);
});

test('pyright reports a type error', () => {
  const dir = project({ 'app/main.py': 'count: int = "three"\n' });
  const findings = pyrightFindings(dir);
  assert.equal(findings.length, 1);
  assert.match(findings[0], /^app\/main\.py:1:14 reportAssignmentType /);
});

test('bandit reports a medium finding and skips what [tool.bandit] excludes', () => {
  const dir = project({ 'app/main.py': 'def run(code: str) -> object:\n    return eval(code)  # noqa: S307\n', 'tests/test_eval.py': 'def test_eval() -> None:\n    assert eval("1") == 1  # noqa: S307\n' });
  const findings = banditFindings(dir);
  assert.equal(findings.length, 1);
  assert.match(findings[0], /^app\/main\.py:2 B307 MEDIUM /);
});

test('a project without pyproject.toml is an error, not a pass', () => {
  const dir = project({});
  fs.rmSync(path.join(dir, 'pyproject.toml'));
  assert.throws(() => ruffFindings(dir), /pyproject\.toml is missing/);
  assert.throws(() => banditFindings(dir), /pyproject\.toml is missing/);
});
