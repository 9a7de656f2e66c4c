using LspGen.LanguageServer.Protocol;
using LspGen.LanguageServer.Protocol.Lsp;

namespace LspGen.LanguageServer.Server;

/// <summary>
/// The open documents and their analysis: applies didOpen/didChange/didClose in arrival order (the
/// connection runs notifications one at a time), re-analyses each spec in the background after a
/// short debounce, cancels analyses a newer version made stale, and publishes diagnostics with the
/// version they were computed for. For a spec without errors whose output folder has a schema snapshot,
/// the migration diagnostics (<see cref="SpecMigrations"/>) are published with the spec's own.
/// </summary>
/// <remarks>
/// "Spec" here includes PRDs (*.prd.md), which the PRD front end analyses into the same model.
/// Documents that are neither (see <see cref="SpecFiles"/>) are still tracked, because a YAML file
/// becomes a spec when its first key is typed as spec_version, but they get no diagnostics; when a
/// document stops being a spec its diagnostics are cleared once.
/// </remarks>
public sealed class SpecDocumentStore(
    JsonRpcConnection connection,
    Func<PositionEncoding> encoding,
    Func<ServerSettings> settings,
    TimeSpan debounce,
    SpecMigrations? migrations = null)
{
    readonly Dictionary<string, OpenDocument> documents = new(StringComparer.Ordinal);
    readonly Lock gate = new();

    sealed class OpenDocument(string uri, string languageId, TextDocumentBuffer buffer)
    {
        public string Uri { get; } = uri;
        public string LanguageId { get; } = languageId;
        public TextDocumentBuffer Buffer { get; } = buffer;
        public SpecSnapshot? Current { get; set; }
        // The newest analysed version: the next version is analysed from it (IncrementalAnalyzer).
        public Ide.IdeDocument? LastAnalyzed { get; set; }
        public bool IsSpec { get; set; }
        public bool PublishedAnything { get; set; }
        public CancellationTokenSource? Pending { get; set; }
        // Publishing is serialised per document so that an older analysis can never overtake a newer one on the wire.
        public SemaphoreSlim PublishGate { get; } = new(1, 1);
        // One analysis at a time per document: an analysis cannot be interrupted, so while one runs, the
        // versions typed meanwhile wait here and only the newest (the others are cancelled) runs next.
        public SemaphoreSlim AnalysisGate { get; } = new(1, 1);
    }

    /// <summary>The current snapshot of an open spec, or null (not open, or not a spec).</summary>
    public SpecSnapshot? Get(string uri)
    {
        lock (gate) return documents.TryGetValue(uri, out var document) && document.IsSpec ? document.Current : null;
    }

    /// <summary>Every open spec's current snapshot.</summary>
    public IReadOnlyList<SpecSnapshot> All()
    {
        lock (gate) return [.. documents.Values.Where(d => d.IsSpec && d.Current is not null).Select(d => d.Current!)];
    }

    public void Open(TextDocumentItem item)
    {
        var document = new OpenDocument(item.Uri, item.LanguageId, new TextDocumentBuffer(item.Text, encoding()));
        lock (gate)
        {
            if (documents.Remove(item.Uri, out var previous)) previous.Pending?.Cancel();
            documents[item.Uri] = document;
        }
        Update(document, item.Version, TimeSpan.Zero);
    }

    public void Change(DidChangeTextDocumentParams change)
    {
        OpenDocument? document;
        lock (gate) documents.TryGetValue(change.TextDocument.Uri, out document);
        if (document is null)
        {
            connection.Log.Write(LogLevel.Warning, $"didChange for a document that is not open: {change.TextDocument.Uri}");
            return;
        }
        document.Buffer.Apply(change.ContentChanges);
        Update(document, change.TextDocument.Version, debounce);
    }

    public void Close(string uri)
    {
        OpenDocument? document;
        lock (gate)
        {
            if (!documents.Remove(uri, out document)) return;
            document.Pending?.Cancel();
        }
        if (document.PublishedAnything) _ = PublishAsync(document, null, []);
    }

    /// <summary>Publishes every open spec's diagnostics again (after a settings change).</summary>
    public void RepublishAll()
    {
        List<OpenDocument> open;
        lock (gate) open = [.. documents.Values];
        foreach (var document in open)
        {
            if (document.IsSpec && document.Current is { } snapshot) Schedule(document, snapshot, TimeSpan.Zero);
        }
    }

    void Update(OpenDocument document, int version, TimeSpan delay)
    {
        var text = document.Buffer.Text;
        var isPrd = SpecFiles.IsPrd(document.Uri, document.LanguageId);
        bool wasSpec;
        SpecSnapshot snapshot;
        lock (gate)
        {
            snapshot = new SpecSnapshot(document.Uri, version, text, encoding(), isPrd, document.Current?.AnalysedDocument ?? document.LastAnalyzed);
            wasSpec = document.IsSpec;
            document.IsSpec = isPrd || SpecFiles.IsSpec(document.Uri, document.LanguageId, text);
            document.Current = snapshot;
        }
        if (document.IsSpec) Schedule(document, snapshot, delay);
        else
        {
            document.Pending?.Cancel();
            if (wasSpec && document.PublishedAnything) _ = PublishAsync(document, version, []);
        }
    }

    void Schedule(OpenDocument document, SpecSnapshot snapshot, TimeSpan delay)
    {
        var cancellation = new CancellationTokenSource();
        CancellationTokenSource? stale;
        lock (gate)
        {
            stale = document.Pending;
            document.Pending = cancellation;
        }
        stale?.Cancel();
        _ = Task.Run(() => AnalyzeAndPublishAsync(document, snapshot, delay, cancellation.Token));
    }

    async Task AnalyzeAndPublishAsync(OpenDocument document, SpecSnapshot snapshot, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            await document.AnalysisGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            Spec.SpecAnalysis analysis;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                analysis = snapshot.Analysis;
                lock (gate) document.LastAnalyzed = snapshot.Document;
            }
            finally
            {
                document.AnalysisGate.Release();
            }
            cancellationToken.ThrowIfCancellationRequested();
            var shown = settings();
            var migration = migrations?.ImpactOf(snapshot);
            cancellationToken.ThrowIfCancellationRequested();
            var diagnostics = (migration is null ? analysis.Diagnostics : Spec.SpecAnalyzer.Sort([.. analysis.Diagnostics, .. migration.Diagnostics]))
                .Where(d => shown.Shows(d.Severity))
                .Select(d => DiagnosticConverter.ToProtocol(d, snapshot.Uri, snapshot.Lines))
                .ToList();
            await PublishAsync(document, snapshot.Version, diagnostics, snapshot, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A newer version (or close) made this analysis stale; the newer one publishes.
        }
        catch (Exception exception)
        {
            connection.Log.Write(LogLevel.Error, $"Analysing {snapshot.Uri} (version {snapshot.Version}) failed: {exception}");
        }
    }

    async Task PublishAsync(OpenDocument document, int? version, IReadOnlyList<Diagnostic> diagnostics,
        SpecSnapshot? expected = null, CancellationToken cancellationToken = default)
    {
        await document.PublishGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (expected is not null)
            {
                lock (gate)
                {
                    if (cancellationToken.IsCancellationRequested || document.Current != expected) return;
                    if (!documents.TryGetValue(document.Uri, out var open) || open != document) return;
                }
            }
            document.PublishedAnything = true;
            await connection.SendNotificationAsync("textDocument/publishDiagnostics",
                new PublishDiagnosticsParams(document.Uri, diagnostics, version)).ConfigureAwait(false);
        }
        finally
        {
            document.PublishGate.Release();
        }
    }
}
