using LspGen.Compiler.Migrate;

namespace LspGen.Compiler.Write;

/// <summary>Reads what an output folder says about its migration history (the I/O half of <see cref="MigrationHistory"/>).</summary>
public static class MigrationHistoryReader
{
    /// <summary>
    /// The folder's history: its schema snapshot; else, for a project generated before snapshots, its
    /// unedited <c>0001_initial.py</c>; else none. Throws <see cref="OutputWriteException"/> for a snapshot
    /// that is damaged or was edited by hand, since planning against it would migrate the wrong schema.
    /// </summary>
    public static MigrationHistory Read(string outputFolder)
    {
        var root = OutputPath.RealPath(outputFolder);
        if (!Directory.Exists(root)) return MigrationHistory.Fresh;
        var manifestPath = OutputPath.ResolveOwn(root, OutputPath.ManifestName);
        var manifest = File.Exists(manifestPath) ? Manifest.Parse(File.ReadAllText(manifestPath), manifestPath) : Manifest.Empty;
        var snapshotPath = OutputPath.ResolveOwn(root, SchemaSnapshot.FileName);
        if (File.Exists(snapshotPath))
        {
            var bytes = File.ReadAllBytes(snapshotPath);
            if (manifest.Entries.TryGetValue(SchemaSnapshot.FileName, out var recorded) && recorded.Sha256 != Manifest.Sha256Of(bytes))
                throw new OutputWriteException(
                    $"{snapshotPath}: the schema snapshot was edited since lspgen wrote it. It must describe what the migrations in " +
                    "alembic/versions create, or the next revision would be planned against the wrong schema: restore it from version control");
            try
            {
                return new MigrationHistory.Recorded(SchemaSnapshot.Parse(System.Text.Encoding.UTF8.GetString(bytes)));
            }
            catch (FormatException e)
            {
                throw new OutputWriteException($"{snapshotPath}: {e.Message}. The snapshot is written by lspgen: restore it from version control");
            }
        }
        var initial = Path.Combine(root, MigrationHistory.InitialRevisionPath);
        if (manifest.Entries.ContainsKey(MigrationHistory.InitialRevisionPath) && File.Exists(initial))
            return new MigrationHistory.Legacy(File.ReadAllText(initial));
        return MigrationHistory.Fresh;
    }
}
