// Entry point: starts the language server and registers the palette commands. Everything the
// extension shows comes from the server; see client.ts and commands.ts.
import * as vscode from 'vscode';
import { LspgenClient, SERVER_GENERATE, SERVER_PREVIEW } from './client';
import { Commands } from './commands';
import { ServerStatus } from './statusBar';

let client: LspgenClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('LspGen');
  const status = new ServerStatus();
  let commands: Commands | undefined;
  // Code lenses ("Generate backend") carry the server's own commands: give them the palette's UI.
  const routeServerCommand = (command: string, args: unknown[]) => {
    const spec = typeof args[0] === 'string' ? args[0] : undefined;
    if (command === SERVER_GENERATE) return commands?.generateBackend(spec);
    if (command === SERVER_PREVIEW) return commands?.previewGeneratedFiles(spec);
    return undefined;
  };
  client = new LspgenClient(context, output, status, routeServerCommand);
  commands = new Commands(client, output, context.extensionPath);
  const c = commands;
  const lsp = client;

  context.subscriptions.push(
    output,
    status,
    client,
    vscode.commands.registerCommand('lspgen.generateBackend', (uri?: vscode.Uri) => c.generateBackend(uri)),
    vscode.commands.registerCommand('lspgen.previewGeneratedFiles', (uri?: vscode.Uri) => c.previewGeneratedFiles(uri)),
    vscode.commands.registerCommand('lspgen.convertPrdToSpec', (uri?: vscode.Uri) => c.convertPrdToSpec(uri)),
    vscode.commands.registerCommand('lspgen.newSpec', () => c.newSpec()),
    vscode.commands.registerCommand('lspgen.draftSpecFromDescription', () => c.draftSpecFromDescription()),
    vscode.commands.registerCommand('lspgen.restartServer', () => lsp.restart()),
    vscode.commands.registerCommand('lspgen.showOutput', () => output.show(true)),
    vscode.workspace.onDidSaveTextDocument(document => {
      if (document.languageId === 'lspgen-spec' && vscode.workspace.getConfiguration('lspgen', document.uri).get<boolean>('generateOnSave', false)) {
        void c.generateBackend(document.uri, true);
      }
    }),
    vscode.workspace.onDidChangeConfiguration(event => {
      if (event.affectsConfiguration('lspgen.server.path')) {
        void vscode.window.showInformationMessage('lspgen.server.path changed: restart the LspGen language server to use it.', 'Restart')
          .then(choice => { if (choice) void lsp.restart(); });
      }
    }),
  );
  await client.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
