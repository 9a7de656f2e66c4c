// `lspgen serve` in headless Debian Chromium driven by Playwright, the way a user works with the page:
// paste a spec with an error and see the diagnostic with its line, fix it, click "Generate Backend",
// and check that the downloaded zip is byte-identical to `lspgen generate <spec> --zip -`.
// Also drafts a spec through a scripted OpenAI-compatible endpoint (a local node server), and shows that
// text from a spec is never run as HTML. Screenshots go to $LSPGEN_E2E_ARTIFACTS (default: a folder
// printed at the start); with LSPGEN_UPDATE_DOCS_IMAGES=1 the README's docs/images/web-generator.png too.
//
// Needs /usr/bin/chromium and the cached playwright-core of setup.sh; fails (never skips) without them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const CACHE = process.env.LSPGEN_E2E_CACHE || '/opt/lspgen-e2e-cache';
const PLAYWRIGHT = path.join(CACHE, 'playwright/node_modules/playwright-core');
const CHROMIUM = '/usr/bin/chromium';
// tests/run-all.sh passes the built CLI as LSPGEN_CLI ("dotnet …/lspgen.dll").
const CLI = (process.env.LSPGEN_CLI || `dotnet ${path.join(REPO, 'server/LspGen.Cli/bin/Debug/net10.0/lspgen.dll')}`).split(' ');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'lspgen-web-e2e-'));
const ARTIFACTS = process.env.LSPGEN_E2E_ARTIFACTS || fs.mkdtempSync(path.join(os.tmpdir(), 'lspgen-web-e2e-artifacts-'));
process.stderr.write(`[web-e2e] screenshots in ${ARTIFACTS}\n`);

async function shot(name, readmeImage) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  if (readmeImage && process.env.LSPGEN_UPDATE_DOCS_IMAGES === '1') fs.copyFileSync(file, path.join(REPO, 'docs/images', readmeImage));
}

const VALID = `spec_version: "1.0"
project_name: bookshop
description: Books and the authors who wrote them.
entities:
  - name: Author
    fields:
      - name: id
        type: uuid
        primary_key: true
      - name: name
        type: string
        nullable: false
  - name: Book
    fields:
      - name: id
        type: uuid
        primary_key: true
      - name: title
        type: string
        max_length: 300
      - name: pages
        type: integer
      - name: author_id
        type: uuid
        references: Author
`;
const BROKEN = VALID.replace('        type: integer', '        type: int');   // line 22

let server;    // the lspgen serve process
let browser;
let page;
let baseUrl;

function missingTools() {
  const missing = [[PLAYWRIGHT, 'playwright-core'], [CHROMIUM, 'Debian chromium']]
    .filter(([file]) => !fs.existsSync(file)).map(([, what]) => what);
  return missing.length === 0 ? undefined
    : `the web end-to-end test needs ${missing.join(' and ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed ` +
      `(looked in ${CACHE} and ${CHROMIUM}). Run "bash tests/web-e2e/setup.sh" as root once, then run the test again.`;
}

/** Starts `lspgen serve --port 0 [extra…]` and resolves with the URL it prints. */
function startServer(extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI[0], [...CLI.slice(1), 'serve', '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`lspgen serve printed no URL within 60 s:\n${out}`)), 60000);
    const read = (chunk) => {
      out += chunk;
      const match = /LspGen web generator: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) { clearTimeout(timer); resolve({ child, url: match[1] }); }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', (e) => { clearTimeout(timer); reject(new Error(`cannot start ${CLI.join(' ')}: ${e.message}`)); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`lspgen serve exited with ${code}:\n${out}`)); });
  });
}

/** The names of the entries of a zip, read from its central directory. */
function zipEntries(bytes) {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'the download is not a zip (no end of central directory)');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(bytes.readUInt32LE(at), 0x02014b50, 'corrupt central directory');
    const nameLength = bytes.readUInt16LE(at + 28), extra = bytes.readUInt16LE(at + 30), comment = bytes.readUInt16LE(at + 32);
    names.push(bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

before(async () => {
  const missing = missingTools();
  if (missing) throw new Error(missing);
  const require = createRequire(import.meta.url);
  const { chromium } = require(PLAYWRIGHT);
  ({ child: server, url: baseUrl } = await startServer());
  const xdg = path.join(TMP, 'xdg');
  // Flags from ../shared/tools/editor-e2e/pw/launch.js: headless and offline-friendly.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_CACHE_HOME: path.join(xdg, 'cache') },
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 820 } });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.removeAllListeners('exit');
    server.kill('SIGTERM');
  }
  fs.rmSync(TMP, { recursive: true, force: true });
});

test('the page validates as you type, and Generate downloads the same zip as lspgen generate --zip -', async () => {
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(baseUrl);
  // The pre-filled example is valid: no errors, Generate enabled.
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('0 errors') ||
    document.getElementById('status').textContent.includes('none'));
  assert.ok(await page.locator('#generate').isEnabled(), 'Generate is disabled on the valid example');
  assert.equal(await page.locator('#draft').isVisible(), false, 'the draft box shows although no LLM endpoint is configured');

  // Paste a spec with an invalid field type: the diagnostic appears with its line, Generate is off.
  await page.fill('#spec', BROKEN);
  const diagnostic = page.locator('#diagnostics li', { hasText: 'LSG012' });
  await diagnostic.waitFor({ timeout: 15000 });
  const text = await diagnostic.textContent();
  assert.match(text, /^line 22:15 error LSG012: Unknown field type 'int'/, `diagnostic text: ${text}`);
  assert.match(text, /integer/);
  assert.equal(await page.locator('#generate').isEnabled(), false, 'Generate stays enabled on a spec with errors');
  await shot('1-diagnostic.png', 'web-generator.png');

  // Fix it: the list empties and Generate comes back.
  await page.fill('#spec', VALID);
  await page.waitForFunction(() => !document.querySelector('#diagnostics li.error') && !document.getElementById('generate').disabled);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#generate')]);
  assert.equal(download.suggestedFilename(), 'bookshop.zip');
  const saved = path.join(TMP, 'download.zip');
  await download.saveAs(saved);
  const downloaded = fs.readFileSync(saved);

  const specFile = path.join(TMP, 'spec.yaml');
  fs.writeFileSync(specFile, VALID);
  const cli = spawnSync(CLI[0], [...CLI.slice(1), 'generate', specFile, '--zip', '-'], { maxBuffer: 64 * 1024 * 1024 });
  assert.equal(cli.status, 0, `lspgen generate --zip - failed: ${cli.stderr}`);
  assert.ok(downloaded.equals(cli.stdout), `the downloaded zip (${downloaded.length} bytes) differs from lspgen generate --zip - (${cli.stdout.length} bytes)`);

  const names = zipEntries(downloaded);
  for (const expected of ['bookshop/app/main.py', 'bookshop/app/models.py', 'bookshop/app/routers/book.py', 'bookshop/app/routers/author.py',
    'bookshop/alembic/versions/0001_initial.py', 'bookshop/docker-compose.yml', 'bookshop/README.md']) {
    assert.ok(names.includes(expected), `${expected} is not in the zip: ${names.join(', ')}`);
  }
  assert.ok(names.every((name) => name.startsWith('bookshop/')), 'an entry lies outside bookshop/');
  await page.locator('#generate-message', { hasText: 'Downloaded bookshop.zip' }).waitFor();
  await shot('2-generated.png');
  assert.deepEqual(problems, [], 'the page logged errors (CSP violations or script errors)');
});

test('a PRD in Markdown is validated and generated like the CLI does for a .prd.md file', async () => {
  await page.goto(baseUrl);
  await page.selectOption('#format', 'prd');
  const prd = fs.readFileSync(path.join(REPO, 'examples/project_tracker.prd.md'), 'utf8');
  assert.equal((await page.inputValue('#spec')).trim(), prd.trim(), 'choosing PRD did not load the example PRD');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('none') && !document.getElementById('generate').disabled);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#generate')]);
  const saved = path.join(TMP, 'prd.zip');
  await download.saveAs(saved);
  const cli = spawnSync(CLI[0], [...CLI.slice(1), 'generate', path.join(REPO, 'examples/project_tracker.prd.md'), '--zip', '-'], { maxBuffer: 64 * 1024 * 1024 });
  assert.equal(cli.status, 0, `lspgen generate --zip - failed: ${cli.stderr}`);
  assert.ok(fs.readFileSync(saved).equals(cli.stdout), 'the zip generated from the PRD differs from lspgen generate prd.md --zip -');
  assert.equal(download.suggestedFilename(), `${zipEntries(cli.stdout)[0].split('/')[0]}.zip`);
  await page.selectOption('#format', 'spec');
});

test('text from the spec is shown as text, never run as HTML', async () => {
  await page.fill('#spec', VALID.replace('description:', '"<img src=x onerror=window.pwned=1>": 1\ndescription:'));
  const item = page.locator('#diagnostics li', { hasText: 'LSG002' });
  await item.waitFor({ timeout: 15000 });
  assert.match(await item.textContent(), /<img src=x onerror=window\.pwned=1>/);
  assert.equal(await page.locator('#diagnostics img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
});

test('with an LLM endpoint, "Draft spec" replaces the spec with the validated draft', async () => {
  // A scripted OpenAI-compatible endpoint on loopback: first an invalid spec, then a valid one.
  const answers = [
    JSON.stringify({ spec_version: '1.0', project_name: 'clinic', entities: [{ name: 'Patient', fields: [{ name: 'id', type: 'guid', primary_key: true }] }] }),
    JSON.stringify({ spec_version: '1.0', project_name: 'clinic', entities: [{ name: 'Patient', fields: [{ name: 'id', type: 'uuid', primary_key: true }, { name: 'full_name', type: 'string', nullable: false }] }] }),
  ];
  const requests = [];
  const llm = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      requests.push(JSON.parse(body));
      const content = answers[requests.length - 1] ?? 'no more answers';
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }] }));
    });
  });
  await new Promise((resolve) => llm.listen(0, '127.0.0.1', resolve));
  const { child, url } = await startServer(['--base-url', `http://127.0.0.1:${llm.address().port}/v1`, '--model', 'stub']);
  try {
    await page.goto(url);
    await page.locator('#draft').waitFor({ state: 'visible' });
    await page.fill('#description', 'A clinic that keeps a list of its patients.');
    await page.click('#draft-button');
    await page.locator('#draft-message', { hasText: 'Drafted in 2 attempts' }).waitFor({ timeout: 30000 });
    const drafted = await page.inputValue('#spec');
    assert.match(drafted, /^# DRAFTED BY AN LLM/);
    assert.match(drafted, /project_name: clinic/);
    assert.match(drafted, /full_name/);
    await page.waitForFunction(() => !document.getElementById('generate').disabled);
    await shot('3-drafted.png');
    assert.equal(requests.length, 2);
    assert.ok(requests.every((r) => r.model === 'stub' && r.temperature <= 0.2));
    assert.match(requests[1].messages.at(-1).content, /LSG012/);
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
    llm.close();
  }
});
