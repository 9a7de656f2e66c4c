// How the language server process is started: the native lspgen shipped in the platform-specific .vsix
// (server/lspgen, NativeAOT: no .NET runtime needed) or the build `lspgen.server.path` names (an
// executable, or an lspgen.dll run with `dotnet`). The server itself is `lspgen lsp`.
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
  const bundled = bundledServer(extensionPath);
  if (!fs.existsSync(bundled)) {
    throw new ServerNotFound(`The LspGen language server is missing from the extension (${bundled}). This happens when the .vsix was built for another platform than ${process.platform}-${process.arch}: install the LspGen package for your platform, or set lspgen.server.path to an lspgen build.`, false);
  }
  if (!isExecutable(bundled)) {
    throw new ServerNotFound(`The LspGen language server ${bundled} is not executable. Reinstall the extension, run "chmod +x ${bundled}", or set lspgen.server.path to an lspgen build.`, false);
  }
  return { command: bundled, args: [], origin: 'the bundled server' };
}

/** The native server inside the extension: server/lspgen (server/lspgen.exe on Windows). */
export function bundledServer(extensionPath: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(extensionPath, 'server', platform === 'win32' ? 'lspgen.exe' : 'lspgen');
}

function isExecutable(file: string): boolean {
  if (process.platform === 'win32') return true; // Windows has no execute bit; the .exe suffix decides.
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Checks that `dotnet` can run an lspgen.dll named by lspgen.server.path: it must be on PATH and have a
 * .NET 10 runtime (the bundled server needs neither). Resolves to undefined when fine, else to a message.
 */
export function checkDotnet(): Promise<string | undefined> {
  return new Promise(resolve => {
    execFile('dotnet', ['--list-runtimes'], { timeout: 15000 }, (error, stdout) => {
      if (error) {
        resolve('The lspgen.dll named by lspgen.server.path needs the .NET 10 runtime, but the "dotnet" command was not found. Install .NET 10 (https://dotnet.microsoft.com/download/dotnet/10.0), or clear the setting to use the server shipped with the extension, then run "LspGen: Restart Language Server".');
      } else if (!/^Microsoft\.NETCore\.App 10\./m.test(stdout)) {
        resolve(`The lspgen.dll named by lspgen.server.path needs the .NET 10 runtime (Microsoft.NETCore.App 10.x), but dotnet only has: ${stdout.trim().split('\n').join('; ') || 'no runtime'}. Install .NET 10 (https://dotnet.microsoft.com/download/dotnet/10.0), then run "LspGen: Restart Language Server".`);
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
