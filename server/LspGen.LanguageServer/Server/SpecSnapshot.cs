using LspGen.Compiler.Migrate;
using LspGen.Ide;
using LspGen.LanguageServer.Protocol;
using LspGen.Spec;

namespace LspGen.LanguageServer.Server;

/// <summary>
/// One version of an open spec, immutable: its text, the line index for position conversion and the
/// analysed document, both computed at most once and only when someone asks. Requests work on the
/// snapshot that was current when they arrived, so a later didChange never changes the text under them.
/// </summary>
public sealed class SpecSnapshot
{
    readonly Lazy<TextDocumentBuffer> lines;
    readonly Lazy<IdeDocument> document;

    // The last analysed version of the same document, which this one is analysed from (an edit inside one
    // entity re-parses only that entity); dropped once this version is analysed, so versions do not chain.
    IdeDocument? baseline;

    /// <param name="baseline">An analysed earlier version of the document (any one: the change is found by comparing the texts), or null.</param>
    public SpecSnapshot(string uri, int version, string text, PositionEncoding encoding, bool isPrd = false, IdeDocument? baseline = null)
    {
        Uri = uri;
        Version = version;
        Text = text;
        this.baseline = isPrd ? null : baseline;
        lines = new(() => new TextDocumentBuffer(text, encoding));
        document = new(() =>
        {
            if (isPrd) return IdeDocument.CreatePrd(text, GenerateCommands.LocalPath(uri) ?? uri);
            var analyzed = this.baseline is { Kind: DocumentKind.Spec } previous ? IdeDocument.Update(previous, text) : IdeDocument.Create(text);
            this.baseline = null;
            return analyzed;
        });
        IsPrd = isPrd;
    }

    /// <summary>The analysed document if someone asked for it already, else null (never starts an analysis).</summary>
    public IdeDocument? AnalysedDocument => document.IsValueCreated ? document.Value : null;

    public string Uri { get; }
    public int Version { get; }
    public string Text { get; }

    /// <summary>True for a PRD (markdown), analysed by the PRD front end; false for a spec.yaml.</summary>
    public bool IsPrd { get; }

    /// <summary>Converts between wire positions (negotiated encoding) and our UTF-16 positions.</summary>
    public TextDocumentBuffer Lines => lines.Value;

    /// <summary>The parsed and analysed document the language features work on.</summary>
    public IdeDocument Document => document.Value;

    /// <summary>The spec model and every diagnostic.</summary>
    public SpecAnalysis Analysis => Document.Analysis;

    // The last plan of this version against a snapshot: diagnostics, code actions and the lens of one
    // version ask for it several times, and the snapshot object only changes when its file does.
    volatile Tuple<SchemaSnapshot, MigrationImpact?>? migration;

    /// <summary>The migration impact of this version against <paramref name="database"/> (null: none), computed once per snapshot object.</summary>
    public MigrationImpact? MigrationAgainst(SchemaSnapshot? database)
    {
        if (database is null) return null;
        if (migration is { } last && ReferenceEquals(last.Item1, database)) return last.Item2;
        var impact = MigrationImpacts.Of(Document, database);
        migration = Tuple.Create(database, impact);
        return impact;
    }
}
