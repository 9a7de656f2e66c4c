// The status bar item that tells whether the language server is starting, ready or broken; shown only
// while a spec or PRD is the active editor, where it matters.
import * as vscode from 'vscode';

export type ServerState = 'starting' | 'ready' | 'error' | 'stopped';

const LANGUAGES = new Set(['lspgen-spec', 'lspgen-prd']);

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lspgen.status', vscode.StatusBarAlignment.Left, 0);
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item.name = 'LspGen';
    this.item.command = 'lspgen.showOutput';
    this.set('starting');
    this.subscription = vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility());
  }

  set(state: ServerState, detail?: string): void {
    const look: Record<ServerState, [string, string]> = {
      starting: ['$(sync~spin) LspGen', 'LspGen language server: starting'],
      ready: ['$(check) LspGen', 'LspGen language server: ready'],
      error: ['$(error) LspGen', 'LspGen language server: not running'],
      stopped: ['$(circle-slash) LspGen', 'LspGen language server: stopped'],
    };
    const [text, tooltip] = look[state];
    this.item.text = text;
    this.item.tooltip = detail ? `${tooltip}\n${detail}\nClick to show the LspGen output.` : `${tooltip}\nClick to show the LspGen output.`;
    this.item.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.updateVisibility();
  }

  private updateVisibility(): void {
    const language = vscode.window.activeTextEditor?.document.languageId;
    if (language && LANGUAGES.has(language)) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
