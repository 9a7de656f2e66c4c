using System.Text;
using System.Text.RegularExpressions;
using LspGen.Ide;
using LspGen.LanguageServer.Protocol;
using LspGen.LanguageServer.Protocol.Lsp;
using Ide = LspGen.Ide;
using Lsp = LspGen.LanguageServer.Protocol.Lsp;

namespace LspGen.LanguageServer.Server;

/// <summary>
/// The request handlers of the language features: wire position → our position, call the feature in
/// LspGen.Ide on the request's snapshot, our result → wire result (the to_proto/from_proto layer).
/// No language decision is made here. A request for a document that is not an open spec gets an empty answer.
/// </summary>
public static partial class LanguageFeatures
{
    public static void Register(JsonRpcConnection connection, SpecDocumentStore documents, SpecMigrations migrations)
    {
        SpecSnapshot? Snapshot(TextDocumentIdentifier document, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return documents.Get(document.Uri);
        }

        connection.OnRequest<CompletionParams, CompletionList>("textDocument/completion", (p, ct) =>
            Snapshot(p.TextDocument, ct) is { } s ? Complete(s, p.Position, SnippetSupport(connection)) : new CompletionList(false, []));

        connection.OnRequest<TextDocumentPositionParams, Lsp.Hover?>("textDocument/hover", (p, ct) =>
            Snapshot(p.TextDocument, ct) is { } s && Ide.Hover.At(s.Document, s.Lines.FromProtocol(p.Position)) is { } hover
                ? new Lsp.Hover(new MarkupContent(MarkupKind.Markdown, hover.Markdown), s.Lines.ToProtocol(hover.Range))
                : null);

        connection.OnRequest<CodeActionParams, IReadOnlyList<Lsp.CodeAction>>("textDocument/codeAction", (p, ct) =>
            Snapshot(p.TextDocument, ct) is not { } s ? []
            : s.IsPrd ? PrdCodeActions(s, p.Context.Only, connection.ClientCapabilities)
            : WantsQuickFixes(p.Context.Only) ? CodeActionsAt(s, p.Range, migrations.ImpactOf(s)) : []);

        connection.OnRequest<DocumentParams, IReadOnlyList<DocumentSymbol>>("textDocument/documentSymbol", (p, ct) =>
            Snapshot(p.TextDocument, ct) is { } s ? [.. DocumentSymbols.For(s.Document).Select(symbol => ToProtocol(symbol, s))] : []);

        connection.OnRequest<DocumentParams, IReadOnlyList<Lsp.FoldingRange>>("textDocument/foldingRange", (p, ct) =>
            Snapshot(p.TextDocument, ct) is { } s
                ? [.. FoldingRanges.For(s.Document).Select(f => new Lsp.FoldingRange(f.StartLine, f.EndLine, f.Kind == FoldingKind.Comment ? FoldingRangeKind.Comment : FoldingRangeKind.Region))]
                : []);

        connection.OnRequest<TextDocumentPositionParams, IReadOnlyList<Location>>("textDocument/definition", (p, ct) =>
            Snapshot(p.TextDocument, ct) is { } s && Navigation.DefinitionAt(s.Document, s.Lines.FromProtocol(p.Position)) is { } target
                ? [new Location(s.Uri, s.Lines.ToProtocol(target))]
                : []);

        connection.OnRequest<ReferenceParams, IReadOnlyList<Location>>("textDocument/references", (p, ct) =>
            Snapshot(p.TextDocument, ct) is { } s
                ? [.. Navigation.ReferencesAt(s.Document, s.Lines.FromProtocol(p.Position), p.Context.IncludeDeclaration).Select(r => new Location(s.Uri, s.Lines.ToProtocol(r)))]
                : []);

        connection.OnRequest<TextDocumentPositionParams, PrepareRenameResult?>("textDocument/prepareRename", (p, ct) =>
        {
            if (Snapshot(p.TextDocument, ct) is not { } s) return null;
            var preparation = Rename.Prepare(s.Document, s.Lines.FromProtocol(p.Position));
            // An error (rather than null) lets the editor tell the user why this cannot be renamed.
            if (!preparation.CanRename) throw new JsonRpcException(ErrorCodes.RequestFailed, preparation.RefusalReason ?? "This cannot be renamed.");
            return new PrepareRenameResult(s.Lines.ToProtocol(preparation.Range!.Value), preparation.Placeholder!);
        });

        connection.OnRequest<RenameParams, WorkspaceEdit?>("textDocument/rename", (p, ct) =>
        {
            if (Snapshot(p.TextDocument, ct) is not { } s) return null;
            var result = Rename.Apply(s.Document, s.Lines.FromProtocol(p.Position), p.NewName, migrations.DatabaseOf(s));
            if (!result.Succeeded) throw new JsonRpcException(ErrorCodes.RequestFailed, result.Error!);
            return Edit(s, result.Edits);
        });

        connection.OnRequest<DocumentParams, IReadOnlyList<Lsp.CodeLens>>("textDocument/codeLens", (p, ct) =>
            Snapshot(p.TextDocument, ct) is { } s ? [.. CodeLenses.For(s.Document, migrations.ImpactOf(s)).Select(lens => ToProtocol(lens, s))] : []);
    }

    static bool SnippetSupport(JsonRpcConnection connection) =>
        connection.ClientCapabilities.TextDocument?.Completion?.CompletionItem?.SnippetSupport == true;

    static bool WantsQuickFixes(IReadOnlyList<string>? only) =>
        only is null || only.Count == 0 || only.Any(kind => kind == CodeActionKind.QuickFix || CodeActionKind.QuickFix.StartsWith(kind + ".", StringComparison.Ordinal));

    /// <summary>The code action kind of "Convert to spec.yaml" (a source action: it acts on the whole PRD).</summary>
    public const string ConvertPrdKind = CodeActionKind.Source + ".lspgen.prdToSpec";

    /// <summary>
    /// "Convert to &lt;name&gt;.spec.yaml" on a PRD: creates the spec next to it through the client's
    /// workspace edit (CreateFile + TextDocumentEdit), so the editor opens and can undo it; a client without
    /// the "create" resource operation gets the lspgen.prdToSpec command instead. Offered only when the PRD
    /// has no errors (an invalid spec is never written) and the spec file does not exist yet.
    /// </summary>
    static IReadOnlyList<Lsp.CodeAction> PrdCodeActions(SpecSnapshot snapshot, IReadOnlyList<string>? only, ClientCapabilities capabilities)
    {
        var wanted = only is null || only.Count == 0 || only.Any(k => k == ConvertPrdKind || ConvertPrdKind.StartsWith(k + ".", StringComparison.Ordinal));
        if (!wanted || snapshot.Document.Analysis.HasErrors || GenerateCommands.LocalPath(snapshot.Uri) is not { } prdPath) return [];
        var specPath = LspGen.Spec.SpecSources.SpecPathFor(prdPath);
        if (File.Exists(specPath)) return [];
        var title = "Convert to " + Path.GetFileName(specPath);
        var edit = capabilities.Workspace?.WorkspaceEdit;
        if (edit?.DocumentChanges == true && edit.ResourceOperations?.Contains("create", StringComparer.Ordinal) == true)
        {
            var specUri = new Uri(specPath).AbsoluteUri;
            var yaml = LspGen.Spec.Emit.SpecYamlWriter.Write(snapshot.Document.Spec, Path.GetFileName(prdPath));
            return [new Lsp.CodeAction(title)
            {
                Kind = ConvertPrdKind,
                Edit = new WorkspaceEdit
                {
                    DocumentChanges =
                    [
                        new CreateFile(specUri, new CreateFileOptions(Overwrite: false, IgnoreIfExists: false)),
                        new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(specUri, null),
                            [new Lsp.TextEdit(new Lsp.Range(new Lsp.Position(0, 0), new Lsp.Position(0, 0)), yaml)]),
                    ],
                },
            }];
        }
        var argument = System.Text.Json.JsonSerializer.SerializeToElement(snapshot.Uri, ProtocolJsonContext.Default.String);
        return [new Lsp.CodeAction(title) { Kind = ConvertPrdKind, Command = new Command(title, GenerateCommands.PrdToSpec, [argument]) }];
    }

    static CompletionList Complete(SpecSnapshot snapshot, Lsp.Position position, bool snippets)
    {
        var items = Completion.At(snapshot.Document, snapshot.Lines.FromProtocol(position));
        var result = new List<Lsp.CompletionItem>(items.Count);
        foreach (var item in items)
        {
            var snippet = item.IsSnippet && snippets;
            var text = item.IsSnippet && !snippets ? SnippetToPlainText(item.InsertText) : item.InsertText;
            result.Add(new Lsp.CompletionItem(item.Label)
            {
                Kind = ToProtocol(item.Kind),
                Detail = item.Detail,
                Documentation = item.Documentation is null ? null : new MarkupContent(MarkupKind.Markdown, item.Documentation),
                Preselect = item.Preselect ? true : null,
                SortText = item.SortText,
                InsertTextFormat = snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
                // Multi-line texts already carry their absolute indentation (see Ide.CompletionItem).
                InsertTextMode = text.Contains('\n') ? InsertTextMode.AsIs : null,
                TextEdit = item.ReplaceRange is { } range ? new Lsp.TextEdit(snapshot.Lines.ToProtocol(range), text) : null,
                InsertText = item.ReplaceRange is null ? text : null,
            });
        }
        return new CompletionList(false, result);
    }

    static CompletionItemKind ToProtocol(CompletionKind kind) => kind switch
    {
        CompletionKind.Key => CompletionItemKind.Property,
        CompletionKind.Value => CompletionItemKind.Value,
        CompletionKind.FieldType => CompletionItemKind.TypeParameter,
        CompletionKind.Entity => CompletionItemKind.Class,
        _ => CompletionItemKind.Snippet,
    };

    /// <summary>For clients without snippet support: ${1:x} → x, ${1|a,b|} → a, $1/$0 → nothing, \$ → $.</summary>
    public static string SnippetToPlainText(string snippet)
    {
        var text = SnippetPlaceholder().Replace(snippet, m => m.Groups["default"].Success ? m.Groups["default"].Value : m.Groups["choice"].Value);
        text = SnippetTabStop().Replace(text, "");
        return text.Replace("\\$", "$", StringComparison.Ordinal).Replace("\\}", "}", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\$\{\d+(?::(?<default>[^}]*)|\|(?<choice>[^,|]*)[^}]*\|)\}")]
    private static partial Regex SnippetPlaceholder();

    [GeneratedRegex(@"(?<!\\)\$\d+")]
    private static partial Regex SnippetTabStop();

    static IReadOnlyList<Lsp.CodeAction> CodeActionsAt(SpecSnapshot snapshot, Lsp.Range range, MigrationImpact? migration)
    {
        var actions = Ide.CodeActions.For(snapshot.Document, snapshot.Lines.FromProtocol(range), migration);
        return [.. actions.Select(action => new Lsp.CodeAction(action.Title)
        {
            Kind = action.Kind,
            IsPreferred = action.IsPreferred ? true : null,
            Diagnostics = [.. action.Fixes.Select(d => DiagnosticConverter.ToProtocol(d, snapshot.Uri, snapshot.Lines))],
            Edit = Edit(snapshot, action.Edits),
        })];
    }

    static WorkspaceEdit Edit(SpecSnapshot snapshot, IReadOnlyList<Ide.TextEdit> edits) => new()
    {
        Changes = new Dictionary<string, IReadOnlyList<Lsp.TextEdit>>(StringComparer.Ordinal)
        {
            [snapshot.Uri] = [.. edits.Select(e => new Lsp.TextEdit(snapshot.Lines.ToProtocol(e.Range), e.NewText))],
        },
    };

    static DocumentSymbol ToProtocol(Symbol symbol, SpecSnapshot snapshot) => new(
        Name: symbol.Name.Length == 0 ? "(unnamed)" : symbol.Name, // an empty name is invalid in LSP
        Kind: symbol.Kind switch
        {
            Ide.SymbolKind.Setting => Lsp.SymbolKind.Property,
            Ide.SymbolKind.Block => Lsp.SymbolKind.Object,
            Ide.SymbolKind.List => Lsp.SymbolKind.Array,
            Ide.SymbolKind.Entity => Lsp.SymbolKind.Class,
            Ide.SymbolKind.Field => Lsp.SymbolKind.Field,
            Ide.SymbolKind.UserStory => Lsp.SymbolKind.Event,
            _ => Lsp.SymbolKind.Interface,
        },
        Range: snapshot.Lines.ToProtocol(symbol.Range),
        SelectionRange: snapshot.Lines.ToProtocol(symbol.SelectionRange),
        Detail: symbol.Detail,
        Children: symbol.Children.Count == 0 ? null : [.. symbol.Children.Select(c => ToProtocol(c, snapshot))]);

    static Lsp.CodeLens ToProtocol(Ide.CodeLens lens, SpecSnapshot snapshot)
    {
        var arguments = new List<System.Text.Json.JsonElement> { System.Text.Json.JsonSerializer.SerializeToElement(snapshot.Uri, ProtocolJsonContext.Default.String) };
        arguments.AddRange(lens.Arguments.Select(a => System.Text.Json.JsonSerializer.SerializeToElement(a, ProtocolJsonContext.Default.String)));
        // An informational lens still needs a command to show its title; "" makes it inert in every client.
        return new Lsp.CodeLens(snapshot.Lines.ToProtocol(lens.Range),
            lens.CommandId is null ? new Command(lens.Title, "") : new Command(lens.Title, lens.CommandId, arguments));
    }
}
