// How the language server process is started: the lspgen build shipped in the .vsix (server/lspgen.dll,
// run with `dotnet`) or the one `lspgen.server.path` names. The server itself is `lspgen lsp`.
import * as fs from 'fs';
import * as path from 'path';
import { execFile } from 'child_process';

/** A way to run the lspgen CLI: `command ...args <subcommand>`. */
export interface LspgenCommand {
  command: string;
  args: string[];
  /** Where it came from, for messages ("the bundled server", "lspgen.server.path"). */
  origin: string;
}

/** Why the server cannot start, phrased for the user, with what to do about it. */
export class ServerNotFound extends Error {
  constructor(message: string, readonly needsDotnet: boolean) {
    super(message);
  }
}

export function resolveLspgen(extensionPath: string, configuredPath: string): LspgenCommand {
  const configured = configuredPath.trim();
  if (configured) {
    if (!fs.existsSync(configured)) {
      throw new ServerNotFound(`The setting lspgen.server.path points at "${configured}", which does not exist. Fix the path or clear the setting to use the server shipped with the extension.`, false);
    }
    return configured.toLowerCase().endsWith('.dll')
      ? { command: 'dotnet', args: [configured], origin: 'lspgen.server.path' }
      : { command: configured, args: [], origin: 'lspgen.server.path' };
  }
  const bundled = path.join(extensionPath, 'server', 'lspgen.dll');
  if (!fs.existsSync(bundled)) {
    throw new ServerNotFound(`The LspGen language server is missing from the extension (${bundled}). Reinstall the extension, or set lspgen.server.path to an lspgen build.`, false);
  }
  return { command: 'dotnet', args: [bundled], origin: 'the bundled server' };
}

/**
 * Checks that `dotnet` can run the server: it must be on PATH and have a .NET 10 runtime
 * (the bundled server is framework-dependent). Resolves to undefined when fine, else to a message.
 */
export function checkDotnet(): Promise<string | undefined> {
  return new Promise(resolve => {
    execFile('dotnet', ['--list-runtimes'], { timeout: 15000 }, (error, stdout) => {
      if (error) {
        resolve('LspGen needs the .NET 10 runtime to run its language server, but the "dotnet" command was not found. Install .NET 10 (https://dotnet.microsoft.com/download/dotnet/10.0), then run "LspGen: Restart Language Server".');
      } else if (!/^Microsoft\.NETCore\.App 10\./m.test(stdout)) {
        resolve(`LspGen needs the .NET 10 runtime (Microsoft.NETCore.App 10.x), but dotnet only has: ${stdout.trim().split('\n').join('; ') || 'no runtime'}. Install .NET 10 (https://dotnet.microsoft.com/download/dotnet/10.0), then run "LspGen: Restart Language Server".`);
      } else {
        resolve(undefined);
      }
    });
  });
}

/** Runs a one-off lspgen CLI command (e.g. `init`), resolving to its output; rejects with stderr's text. */
export function runLspgen(lspgen: LspgenCommand, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(lspgen.command, [...lspgen.args, ...args], { cwd, timeout: 60000 }, (error, stdout, stderr) => {
      if (error) reject(new Error((stderr || stdout || error.message).trim()));
      else resolve(stdout.trim());
    });
  });
}
