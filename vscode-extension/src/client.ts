// Starts `lspgen lsp` and keeps the status bar in step with it. The server makes every language
// decision (what a spec is, diagnostics, completion, fixes); this file only wires the process up.
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ResponseError, ServerOptions,
  ShowMessageNotification, State, TransportKind,
} from 'vscode-languageclient/node';
import { checkDotnet, resolveLspgen, ServerNotFound } from './serverCommand';
import { ServerStatus } from './statusBar';

/** Server commands the extension runs itself, so that their results get the extension's own UI. */
export const SERVER_GENERATE = 'lspgen.generate';
export const SERVER_PREVIEW = 'lspgen.preview';
export const SERVER_PRD_TO_SPEC = 'lspgen.prdToSpec';
export const SERVER_DRAFT_SPEC = 'lspgen.draftSpec';

export class LspgenClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** Server messages that repeat what a command of ours is about to show (with actions) are logged instead. */
  private quietRequests = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly status: ServerStatus,
    /** Code lenses carry server commands; they are routed here so they get the same UI as the palette. */
    private readonly onServerCommand: (command: string, args: unknown[]) => Promise<unknown> | undefined,
  ) {}

  async start(): Promise<void> {
    this.status.set('starting');
    let lspgen;
    try {
      lspgen = resolveLspgen(this.context.extensionPath, vscode.workspace.getConfiguration('lspgen').get<string>('server.path', ''));
    } catch (error) {
      return this.failed(error instanceof ServerNotFound ? error.message : String(error), false);
    }
    if (lspgen.command === 'dotnet') {
      const problem = await checkDotnet();
      if (problem) return this.failed(problem, true);
    }
    this.output.appendLine(`Starting ${lspgen.origin}: ${lspgen.command} ${[...lspgen.args, 'lsp'].join(' ')}`);

    // TransportKind.stdio makes the client append --stdio, which `lspgen lsp` accepts.
    const serverOptions: ServerOptions = {
      command: lspgen.command, args: [...lspgen.args, 'lsp'], transport: TransportKind.stdio,
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'lspgen-spec' },
        { scheme: 'untitled', language: 'lspgen-spec' },
        { scheme: 'file', language: 'lspgen-prd' },
        // The server also treats a YAML file whose first key is spec_version as a spec, and ignores
        // every other YAML document: it decides, so plain YAML files are sent and left alone.
        { scheme: 'file', language: 'yaml' },
      ],
      // The schema snapshot of a generated project: when `lspgen generate` rewrites it, the migration
      // diagnostics are recomputed (the server decides what they say).
      synchronize: { configurationSection: 'lspgen', fileEvents: vscode.workspace.createFileSystemWatcher('**/.lspgen-schema.json') },
      outputChannel: this.output,
      middleware: {
        executeCommand: async (command, args, next) => {
          const routed = this.onServerCommand(command, args);
          return routed ?? next(command, args);
        },
      },
    };
    const client = new LanguageClient('lspgen', 'LspGen', serverOptions, clientOptions);
    client.onDidChangeState(event => {
      if (event.newState === State.Running) this.status.set('ready');
      else if (event.newState === State.Starting) this.status.set('starting');
      else if (this.client === client) this.status.set('stopped');
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      return this.failed(`The LspGen language server did not start: ${error instanceof Error ? error.message : String(error)}. See the LspGen output for details.`, false);
    }
    // Replaces the client's default handler: while a command of ours runs, the server's summary
    // would duplicate the notification we show with actions.
    client.onNotification(ShowMessageNotification.type, params => {
      this.output.appendLine(`[server] ${params.message}`);
      if (this.quietRequests > 0) return;
      const show = params.type === 1 ? vscode.window.showErrorMessage : params.type === 2 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(params.message);
    });
    this.status.set('ready', `${lspgen.origin}: ${client.initializeResult?.serverInfo?.name ?? 'lspgen'} ${client.initializeResult?.serverInfo?.version ?? ''}`.trim());
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try { await client.stop(); } catch (error) { this.output.appendLine(`Stopping the server: ${String(error)}`); }
    }
  }

  /** Whether the running server offers a workspace/executeCommand command. */
  offers(command: string): boolean {
    const commands = this.client?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    return commands.includes(command);
  }

  /** Runs a server command; rejects with the server's own message (a ResponseError) on refusal. */
  async execute<T>(command: string, args: unknown[]): Promise<T> {
    const client = this.client;
    if (!client || !client.isRunning()) {
      throw new Error('The LspGen language server is not running; see the LspGen output, then run "LspGen: Restart Language Server".');
    }
    this.quietRequests++;
    try {
      return await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as T;
    } finally {
      this.quietRequests--;
    }
  }

  // Not awaited: activation must not wait for the user to dismiss the notification.
  private failed(message: string, needsDotnet: boolean): void {
    this.status.set('error', message);
    this.output.appendLine(message);
    const actions = needsDotnet ? ['Download .NET', 'Show Output'] : ['Show Output'];
    void vscode.window.showErrorMessage(message, ...actions).then(choice => {
      if (choice === 'Download .NET') void vscode.env.openExternal(vscode.Uri.parse('https://dotnet.microsoft.com/download/dotnet/10.0'));
      if (choice === 'Show Output') this.output.show();
    });
  }

  dispose(): void {
    void this.stop();
  }
}

export function isResponseError(error: unknown): error is ResponseError<unknown> {
  return error instanceof ResponseError;
}
