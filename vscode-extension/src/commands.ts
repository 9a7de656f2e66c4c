// The palette commands. Each one asks the server to do the work and turns its answer into VS Code UI
// (progress, notifications with actions, quick picks); none of them interprets the spec itself.
import * as path from 'path';
import * as vscode from 'vscode';
import { isResponseError, LspgenClient, SERVER_DRAFT_SPEC, SERVER_GENERATE, SERVER_PRD_TO_SPEC, SERVER_PREVIEW } from './client';
import { resolveLspgen, runLspgen } from './serverCommand';

/** What the server's lspgen.generate returns. */
interface GenerateResult {
  outputFolder: string;
  written: number;
  unchanged: number;
  conflicts: string[];
  removed: string[];
}

/** What the server's lspgen.preview returns. */
interface PreviewResult {
  outputFolder: string;
  files: { path: string; owner: 'generator' | 'user' | 'history' }[];
  /** The next migration's operations against the folder's schema snapshot, one line each (empty: none, or a new project). */
  migration?: string[];
}

/** What the server's lspgen.draftSpec returns (uri/path only when it wrote a file). */
interface DraftResult {
  yaml: string;
  attempts: number;
  uri?: string;
}

const SPEC_GLOB = '**/{spec.yaml,spec.yml,*.spec.yaml,*.spec.yml,*.lspgen.yaml,*.lspgen.yml}';
const PRD_GLOB = '**/*.prd.md';
const EXCLUDE = '**/{node_modules,.git,.venv}/**';

export class Commands {
  constructor(private readonly client: LspgenClient, private readonly output: vscode.OutputChannel, private readonly extensionPath: string) {}

  /** `LspGen: Generate Backend`, the code lens and generate-on-save. `quiet`: only problems are shown. */
  async generateBackend(target?: vscode.Uri | string, quiet = false): Promise<GenerateResult | undefined> {
    const spec = await this.specFor(target, 'lspgen-spec', SPEC_GLOB, 'spec');
    if (!spec) return undefined;
    if (this.refuseOnErrors(spec)) return undefined;
    let result: GenerateResult;
    try {
      const run = () => this.client.execute<GenerateResult>(SERVER_GENERATE, this.generateArguments(spec));
      result = quiet
        ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'LspGen: generating' }, run)
        : await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `LspGen: generating the backend from ${path.basename(spec.fsPath)}…` }, run);
    } catch (error) {
      this.showFailure('did not generate the backend', error);
      return undefined;
    }
    this.output.appendLine(`Generated into ${result.outputFolder}: ${result.written} written, ${result.unchanged} unchanged, ${result.conflicts.length} conflict(s), ${result.removed.length} removed`);
    void this.showGenerated(result, quiet);
    return result;
  }

  /** `LspGen: Preview Generated Files`: the files generation would write, without writing them. */
  async previewGeneratedFiles(target?: vscode.Uri | string): Promise<PreviewResult | undefined> {
    const spec = await this.specFor(target, 'lspgen-spec', SPEC_GLOB, 'spec');
    if (!spec) return undefined;
    if (this.refuseOnErrors(spec)) return undefined;
    let result: PreviewResult;
    try {
      result = await this.client.execute<PreviewResult>(SERVER_PREVIEW, this.generateArguments(spec));
    } catch (error) {
      this.showFailure('cannot preview the generated files', error);
      return undefined;
    }
    const folder = vscode.Uri.file(result.outputFolder);
    const describe = (owner: string) => owner === 'user' ? 'yours after the first generation (never overwritten)'
      : owner === 'history' ? 'migration: written once, never rewritten' : 'generated';
    const migration = result.migration ?? [];
    const items: vscode.QuickPickItem[] = [
      ...(migration.length > 0 ? [{ label: `Pending migration: ${migration.length} change(s)`, kind: vscode.QuickPickItemKind.Separator }] : []),
      ...migration.map(line => ({ label: line, description: 'database change at the next migration' })),
      ...(migration.length > 0 ? [{ label: 'Files', kind: vscode.QuickPickItemKind.Separator }] : []),
      ...result.files.map(file => ({ label: file.path, description: describe(file.owner) })),
    ];
    const picked = await vscode.window.showQuickPick(items,
      { title: `${result.files.length} files would be written to ${displayPath(folder)}`, placeHolder: 'Pick a file to open it if it already exists', matchOnDescription: true });
    if (picked && result.files.some(file => file.path === picked.label)) {
      const file = vscode.Uri.joinPath(folder, picked.label);
      try {
        await vscode.window.showTextDocument(file);
      } catch {
        void vscode.window.showInformationMessage(`${picked.label} does not exist yet: run "LspGen: Generate Backend" to write it.`);
      }
    }
    return result;
  }

  /** `LspGen: Convert PRD to Spec`: the server writes a spec.yaml from a product requirements document. */
  async convertPrdToSpec(target?: vscode.Uri | string): Promise<void> {
    const prd = await this.specFor(target, 'lspgen-prd', PRD_GLOB, 'PRD (*.prd.md)');
    if (!prd) return;
    const unsupported = 'This version of the LspGen language server cannot convert a PRD to a spec yet (it does not offer the lspgen.prdToSpec command). Update LspGen, or write the spec.yaml by hand ("LspGen: New Spec").';
    if (!this.client.offers(SERVER_PRD_TO_SPEC)) {
      void vscode.window.showWarningMessage(unsupported);
      return;
    }
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `LspGen: converting ${path.basename(prd.fsPath)} to a spec…` },
        () => this.client.execute<unknown>(SERVER_PRD_TO_SPEC, [prd.toString()]));
      const created = specUriOf(result);
      if (created) await vscode.window.showTextDocument(created);
      else void vscode.window.showInformationMessage(`Converted ${path.basename(prd.fsPath)} to a spec.`);
    } catch (error) {
      // -32601 MethodNotFound, or the server's "Unknown command" refusal (InvalidParams).
      if (isResponseError(error) && (error.code === -32601 || /unknown command/i.test(error.message))) {
        void vscode.window.showWarningMessage(unsupported);
      } else {
        this.showFailure('did not convert the PRD', error);
      }
    }
  }

  /**
   * `LspGen: Draft Spec from Description`: an input box, then the server asks the configured
   * OpenAI-compatible model (default: a local Ollama), validates the answer and writes the spec into
   * the workspace (never over a file), which is then opened for review. The endpoint comes from the
   * user-level lspgen.draft.* settings; the API key stays in the environment variable they name.
   */
  async draftSpecFromDescription(): Promise<vscode.Uri | undefined> {
    if (!this.client.offers(SERVER_DRAFT_SPEC)) {
      void vscode.window.showWarningMessage('This version of the LspGen language server cannot draft specs (it does not offer the lspgen.draftSpec command). Update LspGen.');
      return undefined;
    }
    const description = await vscode.window.showInputBox({
      title: 'LspGen: Draft Spec from Description',
      prompt: 'Describe the backend in plain language. A model drafts a spec for you to review.',
      placeHolder: 'A task tracker: projects with tasks that have a title, a due date and a done flag.',
      ignoreFocusOut: true,
      validateInput: value => value.trim() ? undefined : 'Describe the backend in a sentence or more.',
    });
    if (!description) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = folder ? await freeSpecUri(folder) : undefined;
    const settings = vscode.workspace.getConfiguration('lspgen.draft');
    const endpoint = {
      baseUrl: settings.get<string>('baseUrl', ''),
      model: settings.get<string>('model', ''),
      apiKeyEnv: settings.get<string>('apiKeyEnv', ''),
      allowedHosts: settings.get<string[]>('allowedHosts', []),
      timeoutSeconds: settings.get<number>('timeoutSeconds', 120),
    };
    let result: DraftResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `LspGen: drafting a spec with ${endpoint.model || 'the default model'}…` },
        () => this.client.execute<DraftResult>(SERVER_DRAFT_SPEC, [description, target?.toString() ?? null, endpoint]));
    } catch (error) {
      this.showFailure('did not draft the spec', error);
      return undefined;
    }
    const document = result.uri
      ? await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri))
      : await vscode.workspace.openTextDocument({ language: 'lspgen-spec', content: result.yaml });
    await vscode.window.showTextDocument(document);
    this.output.appendLine(`Drafted a spec in ${result.attempts} attempt(s)${result.uri ? `: ${vscode.Uri.parse(result.uri).fsPath}` : ''}`);
    void vscode.window.showInformationMessage('LspGen drafted this spec with an LLM: review it before generating.');
    return document.uri;
  }

  /**
   * `LspGen: New Spec`: runs `lspgen init <folder>` with the shipped lspgen, so the starter spec is
   * the CLI's own (one copy of it, in the CLI), then opens it.
   */
  async newSpec(): Promise<vscode.Uri | undefined> {
    const folder = await this.pickFolder();
    if (!folder) return undefined;
    const spec = vscode.Uri.joinPath(folder, 'spec.yaml');
    if (await exists(spec)) {
      void vscode.window.showWarningMessage(`${displayPath(spec)} already exists; it was left as it is.`, 'Open It')
        .then(choice => { if (choice) void vscode.window.showTextDocument(spec); });
      return undefined;
    }
    try {
      const lspgen = resolveLspgen(this.extensionPath, vscode.workspace.getConfiguration('lspgen').get<string>('server.path', ''));
      this.output.appendLine(await runLspgen(lspgen, ['init', folder.fsPath], folder.fsPath));
    } catch (error) {
      this.showFailure('did not create the spec', error);
      return undefined;
    }
    await vscode.window.showTextDocument(spec);
    return spec;
  }

  private generateArguments(spec: vscode.Uri): unknown[] {
    const folder = vscode.workspace.getConfiguration('lspgen', spec).get<string>('outputDirectory', '').trim();
    // Relative folders are resolved by the server against the spec's folder.
    return folder ? [spec.toString(), folder] : [spec.toString()];
  }

  /** The server refuses too; checking here first points the user at the Problems panel straight away. */
  private refuseOnErrors(spec: vscode.Uri): boolean {
    const errors = vscode.languages.getDiagnostics(spec)
      .filter(d => d.source === 'lspgen' && d.severity === vscode.DiagnosticSeverity.Error);
    if (errors.length === 0) return false;
    const first = errors[0];
    void vscode.window.showErrorMessage(
      `${path.basename(spec.fsPath)} has ${errors.length} error(s); fix them before generating. First, line ${first.range.start.line + 1}: ${first.message}`);
    void vscode.commands.executeCommand('workbench.actions.view.problems');
    return true;
  }

  private async showGenerated(result: GenerateResult, quiet: boolean): Promise<void> {
    const folder = vscode.Uri.file(result.outputFolder);
    // The server counts what it wrote and what was already up to date; files that are the user's
    // after the first generation (hooks) are neither, so no grand total is invented here.
    const where = displayPath(folder);
    const summary = result.written === 0 && result.unchanged > 0
      ? `${where} is up to date (${result.unchanged} files unchanged).`
      : `Generated ${result.written} files in ${where}${result.unchanged > 0 ? ` (${result.unchanged} unchanged)` : ''}.`;
    if (result.conflicts.length > 0) {
      const choice = await vscode.window.showWarningMessage(
        `${summary} ${result.conflicts.length} file(s) you edited were kept instead of being overwritten.`,
        'Show Conflicts', 'Open Folder');
      if (choice === 'Show Conflicts') await this.showConflicts(folder, result.conflicts);
      if (choice === 'Open Folder') await openFolder(folder);
      return;
    }
    if (quiet) return;
    const choice = await vscode.window.showInformationMessage(summary, 'Open Folder', 'Open README');
    if (choice === 'Open Folder') await openFolder(folder);
    if (choice === 'Open README') await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'README.md'));
  }

  private async showConflicts(folder: vscode.Uri, conflicts: string[]): Promise<void> {
    const picked = await vscode.window.showQuickPick(conflicts.map(file => ({ label: file })), {
      title: 'Kept your edits in these files (delete or revert a file and generate again to take the generated version)',
      placeHolder: 'Pick a file to open it',
    });
    if (picked) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, picked.label));
  }

  /**
   * The document a command works on: the argument (code lens, explorer), else the active editor when it
   * has the right language, else the only such file in the workspace, else one the user picks.
   */
  private async specFor(target: vscode.Uri | string | undefined, language: string, glob: string, what: string): Promise<vscode.Uri | undefined> {
    let uri: vscode.Uri | undefined =
      typeof target === 'string' ? vscode.Uri.parse(target)
        : target instanceof vscode.Uri ? target
          : undefined;
    const editor = vscode.window.activeTextEditor;
    if (!uri && editor?.document.languageId === language) uri = editor.document.uri;
    if (!uri) {
      const found = await vscode.workspace.findFiles(glob, EXCLUDE, 200);
      if (found.length === 0) {
        void vscode.window.showWarningMessage(`No ${what} file in this workspace. ${language === 'lspgen-spec' ? 'Create one with "LspGen: New Spec".' : ''}`.trim());
        return undefined;
      }
      if (found.length === 1) {
        uri = found[0];
      } else {
        const picked = await vscode.window.showQuickPick(
          found.map(file => ({ label: vscode.workspace.asRelativePath(file), file })).sort((a, b) => a.label.localeCompare(b.label)),
          { title: `Which ${what}?` });
        uri = picked?.file;
      }
    }
    if (!uri) return undefined;
    // Opening it lets the server analyse it; the server generates from the editor's text, saved or not.
    await vscode.workspace.openTextDocument(uri);
    return uri;
  }

  private async pickFolder(): Promise<vscode.Uri | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 1) return folders[0].uri;
    if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to create spec.yaml in' }))?.uri;
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Create spec.yaml here' });
    return picked?.[0];
  }

  private showFailure(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const text = message.startsWith('LspGen') ? message : `LspGen ${what}: ${message}`;
    this.output.appendLine(text);
    if (/error\(s\)/.test(message)) {
      void vscode.commands.executeCommand('workbench.actions.view.problems');
    }
    void vscode.window.showErrorMessage(text, 'Show Output').then(choice => { if (choice) this.output.show(); });
  }
}

/** The spec a PRD conversion created, whatever shape the server's answer has ({uri}, {specUri} or a string). */
function specUriOf(result: unknown): vscode.Uri | undefined {
  if (typeof result === 'string' && result.startsWith('file:')) return vscode.Uri.parse(result);
  if (result && typeof result === 'object') {
    for (const key of ['specUri', 'uri']) {
      const value = (result as Record<string, unknown>)[key];
      if (typeof value === 'string') return vscode.Uri.parse(value);
    }
  }
  return undefined;
}

/** spec.yaml in the folder, or the first free drafted[-N].spec.yaml: a draft never replaces a file. */
async function freeSpecUri(folder: vscode.Uri): Promise<vscode.Uri | undefined> {
  const names = ['spec.yaml', 'drafted.spec.yaml', ...Array.from({ length: 98 }, (_, i) => `drafted-${i + 2}.spec.yaml`)];
  for (const name of names) {
    const candidate = vscode.Uri.joinPath(folder, name);
    if (!(await exists(candidate))) return candidate;
  }
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function displayPath(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri) : uri.fsPath;
}

/** Reveals the folder in the Explorer when it is in the workspace, else opens it in a new window. */
async function openFolder(folder: vscode.Uri): Promise<void> {
  if (vscode.workspace.getWorkspaceFolder(folder)) await vscode.commands.executeCommand('revealInExplorer', folder);
  else await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: true });
}
