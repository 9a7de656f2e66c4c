// How the schema tests reach the C# validator: the built `lspgen` CLI, run as a child process.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";

export const CLI_BUILD_OUTPUT = "server/LspGen.Cli/bin/Debug/net10.0/lspgen.dll";

/**
 * The command that runs lspgen: $LSPGEN_CLI (e.g. "dotnet /path/lspgen.dll", split on whitespace)
 * or the Debug build output run with dotnet. Returns {command, args, origin} or {missing: reason}.
 */
export function locateCli(repoRoot) {
  const fromEnv = process.env.LSPGEN_CLI?.trim();
  if (fromEnv) {
    const [command, ...args] = fromEnv.split(/\s+/);
    return { command, args, origin: `LSPGEN_CLI=${fromEnv}` };
  }
  const dll = join(repoRoot, CLI_BUILD_OUTPUT);
  if (existsSync(dll)) return { command: "dotnet", args: [dll], origin: dll };
  return {
    missing:
      `the C# validator is needed for the cross-check but was not found: LSPGEN_CLI is not set and ${dll} ` +
      `does not exist. Build it with \`dotnet build server/LspGen.Cli\` or set LSPGEN_CLI to a command ` +
      `such as "dotnet /path/to/lspgen.dll".`,
  };
}

/** The diagnostics `lspgen validate <file> --format json` reports, checked against the documented shape. */
export function validateWithCli(cli, file) {
  return new Promise((resolve, reject) => {
    execFile(
      cli.command,
      [...cli.args, "validate", file, "--format", "json"],
      { encoding: "utf8", timeout: 120_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, DOTNET_NOLOGO: "1" } },
      (error, stdout, stderr) => {
        if (error && typeof error.code === "string") {
          reject(new Error(`could not start lspgen (${cli.origin}): ${error.message}. Check LSPGEN_CLI or build server/LspGen.Cli.`));
          return;
        }
        // Exit code 1 means "the spec has errors", which is an expected verdict, not a failure to run.
        const exitCode = error ? error.code : 0;
        if (exitCode !== 0 && exitCode !== 1) {
          reject(new Error(`\`${cli.origin} validate ${file} --format json\` exited with ${exitCode}: ${stderr || error.message}`));
          return;
        }
        let diagnostics;
        try {
          diagnostics = JSON.parse(stdout);
        } catch (parseError) {
          reject(new Error(`lspgen validate ${file} --format json did not print JSON (${parseError.message}); stdout: ${stdout.slice(0, 500)}`));
          return;
        }
        if (!Array.isArray(diagnostics) || !diagnostics.every(isDiagnostic)) {
          reject(new Error(`lspgen validate ${file} printed JSON that is not an array of {code, severity, message, range}: ${stdout.slice(0, 500)}`));
          return;
        }
        const errors = diagnostics.filter(isError);
        if ((exitCode === 1) !== (errors.length > 0)) {
          reject(new Error(`lspgen validate ${file} exited with ${exitCode} but reported ${errors.length} error(s): ${stdout.slice(0, 500)}`));
          return;
        }
        resolve(diagnostics);
      },
    );
  });
}

export function isError(diagnostic) {
  return String(diagnostic.severity).toLowerCase() === "error" || diagnostic.severity === 1;
}

function isDiagnostic(d) {
  const isPosition = (p) => p && Number.isInteger(p.line) && Number.isInteger(p.character);
  return d && typeof d.code === "string" && typeof d.message === "string" && d.severity !== undefined
    && d.range && isPosition(d.range.start) && isPosition(d.range.end);
}

/** Runs tasks at most `limit` at a time; each call returns the task's own promise. */
export function limitConcurrency(limit = availableParallelism()) {
  let running = 0;
  const queue = [];
  const next = () => {
    if (running >= limit || queue.length === 0) return;
    running++;
    const { task, resolve, reject } = queue.shift();
    task().then(resolve, reject).finally(() => { running--; next(); });
  };
  return (task) => new Promise((resolve, reject) => { queue.push({ task, resolve, reject }); next(); });
}
