using System.Collections.Concurrent;
using LspGen.Compiler.Migrate;
using LspGen.Ide;
using LspGen.LanguageServer.Protocol;

namespace LspGen.LanguageServer.Server;

/// <summary>
/// The database side of an open spec: the schema snapshot (<c>.lspgen-schema.json</c>) of its output
/// folder, and the migration impact of the spec against it (<see cref="MigrationImpacts"/>). The I/O
/// edge of the migration features: per analysis it costs one stat of the snapshot file; the file is read
/// and parsed again only when its modification time or size changed. A missing snapshot means no
/// migration diagnostics; a broken one too, with one warning in the log per version of the file.
/// </summary>
public sealed class SpecMigrations(Func<ServerSettings> settings, IServerLog log)
{
    sealed record Entry(DateTime Modified, long Length, SchemaSnapshot? Snapshot);

    readonly ConcurrentDictionary<string, Entry> snapshots = new(StringComparer.Ordinal);

    /// <summary>The snapshot of the spec's output folder, or null (no folder on disk, no snapshot, or a broken one).</summary>
    public SchemaSnapshot? DatabaseOf(SpecSnapshot spec)
    {
        if (spec.IsPrd || GenerateCommands.LocalPath(spec.Uri) is not { } specPath) return null;
        var folder = GenerateCommands.OutputFolderOf(specPath, null, spec.Analysis.Document.ProjectName?.Value, settings(), out _);
        return folder is null ? null : Read(Path.Combine(folder, SchemaSnapshot.FileName));
    }

    /// <summary>What the next migration does for this version of the spec, or null (see <see cref="MigrationImpacts.Of(IdeDocument, SchemaSnapshot?)"/>).</summary>
    public MigrationImpact? ImpactOf(SpecSnapshot spec)
    {
        if (spec.Analysis.HasErrors) return null; // before any stat: a spec with errors has no model to plan
        return spec.MigrationAgainst(DatabaseOf(spec));
    }

    SchemaSnapshot? Read(string path)
    {
        DateTime modified;
        long length;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                snapshots.TryRemove(path, out _);
                return null;
            }
            (modified, length) = (info.LastWriteTimeUtc, info.Length);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
        if (snapshots.TryGetValue(path, out var cached) && cached.Modified == modified && cached.Length == length) return cached.Snapshot;

        SchemaSnapshot? snapshot = null;
        string? problem = null;
        try
        {
            snapshot = SchemaSnapshot.Parse(File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            problem = exception.Message;
        }
        // Two analyses (versions of one spec, or two specs sharing a folder) may read the same new file at
        // once; only the one whose entry is stored warns, so a broken file is logged once per version.
        var entry = new Entry(modified, length, snapshot);
        var stored = snapshots.AddOrUpdate(path, entry, (_, old) => old.Modified == modified && old.Length == length ? old : entry);
        if (problem is not null && ReferenceEquals(stored, entry))
            log.Write(LogLevel.Warning, $"Ignoring the schema snapshot {path}, so no migration diagnostics are shown: {problem}");
        return stored.Snapshot;
    }
}
