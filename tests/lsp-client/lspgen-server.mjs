// Starts `lspgen lsp --stdio` as a child process and connects a vscode-languageserver-protocol client to it.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lsp from 'vscode-languageserver-protocol/node.js';

export { lsp };

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The command that runs lspgen: $LSPGEN_BIN (a binary; tests/run-all.sh sets the native AOT one, and a
 * missing one is an error, never a quiet fallback to another build), else $LSPGEN_CLI (e.g.
 * "dotnet /path/lspgen.dll", split on whitespace), else the Debug build.
 */
export function lspgenCommand() {
  const bin = process.env.LSPGEN_BIN?.trim();
  if (bin) {
    try {
      accessSync(bin, constants.X_OK);
    } catch {
      throw new Error(`LSPGEN_BIN=${bin} is not an executable lspgen (tests/run-all.sh takes it from the aot suite: did its publish fail?)`);
    }
    return { command: bin, args: [] };
  }
  const fromEnv = process.env.LSPGEN_CLI?.trim();
  if (fromEnv) {
    const [command, ...args] = fromEnv.split(/\s+/);
    return { command, args };
  }
  const dll = join(repo, 'server', 'LspGen.Cli', 'bin', 'Debug', 'net10.0', 'lspgen.dll');
  if (!existsSync(dll)) {
    throw new Error(`lspgen is not built: ${dll} does not exist. Run \`dotnet build server/LspGen.Cli\` or set LSPGEN_CLI to a command that runs lspgen.`);
  }
  return { command: 'dotnet', args: [dll] };
}

/**
 * Spawns the server and returns { connection, child, stderr(), notifications(method) }. The client
 * answers workspace/configuration with `settings` and accepts progress tokens, like an editor.
 */
export function startServer({ settings = {} } = {}) {
  const { command, args } = lspgenCommand();
  const child = spawn(command, [...args, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', chunk => { stderr += chunk; });
  const connection = lsp.createProtocolConnection(
    new lsp.StreamMessageReader(child.stdout), new lsp.StreamMessageWriter(child.stdin));
  const received = [];
  const waiters = [];
  const record = (method, params) => {
    received.push({ method, params });
    for (const waiter of [...waiters]) {
      if (waiter.method === method && waiter.predicate(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  };
  connection.onNotification((method, params) => record(method, params));
  connection.onRequest(lsp.ConfigurationRequest.type, p => p.items.map(i => (i.section === 'lspgen' ? settings : null)));
  // vscode-jsonrpc routes $/progress to per-token handlers, so each token the server creates gets one.
  connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, ({ token }) => {
    connection.onProgress(lsp.WorkDoneProgress.type, token, value => record('$/progress', { token, value }));
    return null;
  });
  connection.listen();

  /** Resolves with the first notification (already received or future) matching the predicate. */
  function waitFor(method, predicate = () => true, timeoutMs = 20000) {
    const seen = received.find(n => n.method === method && predicate(n.params));
    if (seen) return Promise.resolve(seen.params);
    return new Promise((resolve, reject) => {
      const waiter = { method, predicate, resolve };
      waiters.push(waiter);
      setTimeout(() => {
        if (waiters.includes(waiter)) reject(new Error(`no ${method} matching the condition within ${timeoutMs} ms; server log:\n${stderr}`));
      }, timeoutMs).unref();
    });
  }

  async function stop() {
    try {
      await connection.sendRequest(lsp.ShutdownRequest.type);
      await connection.sendNotification(lsp.ExitNotification.type);
    } finally {
      const exited = child.exitCode !== null ? Promise.resolve(child.exitCode)
        : new Promise(resolve => child.once('exit', code => resolve(code)));
      const timer = setTimeout(() => child.kill(), 5000);
      const code = await exited;
      clearTimeout(timer);
      connection.dispose();
      return code;
    }
  }

  return { connection, child, waitFor, received, stop, stderr: () => stderr };
}

/** Applies LSP text edits (UTF-16 positions) to a text. */
export function applyEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = p => Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const edit of sorted) text = text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
  return text;
}
