namespace LspGen.Compiler.Write;

/// <summary>Options a user can give the writer.</summary>
/// <param name="Force">Overwrite (and remove) files the user edited instead of keeping them as conflicts.</param>
public sealed record WriteOptions(bool Force = false);

/// <summary>
/// The last stage of the pipeline and the only one that touches the disk: writes the generated files
/// into an output folder without ever leaving it, and without silently destroying a user's edits.
/// </summary>
/// <remarks>
/// Rules, in the order they are applied to each path:
/// 1. every path (generated or listed in the old manifest) must stay inside the folder after resolving
///    symlinks, else nothing at all is written;
/// 2. a path matched by .lspgenignore is never touched;
/// 3. a <see cref="FileOwner.User"/> or <see cref="FileOwner.History"/> file is written only when absent;
/// 4. a generator file is (over)written when absent, when unchanged since the manifest recorded it, or
///    with --force; otherwise (edited, or present but never generated) it is a conflict and kept;
/// 5. a file in the old manifest but no longer generated is removed when unedited (or --force),
///    otherwise kept and reported; a History file (an earlier migration revision) is always kept.
/// Each file is written to a temporary file in its own folder and renamed over the target, so a crash
/// never leaves a half-written file.
/// </remarks>
public static class OutputWriter
{
    private enum Action { Write, Unchanged, Conflict, UserKept, HistoryKept, Ignored }

    public static WriteReport Write(string outputFolder, IReadOnlyList<GeneratedFile> files, WriteOptions options)
    {
        var root = OutputPath.RealPath(outputFolder);
        if (File.Exists(root))
            throw new OutputWriteException($"the output folder '{outputFolder}' is a file; choose a folder with --out");
        var manifestPath = OutputPath.ResolveOwn(root, OutputPath.ManifestName);
        var ignorePath = OutputPath.ResolveOwn(root, OutputPath.IgnoreName);

        var duplicates = files.GroupBy(f => f.Path, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new OutputWriteException($"the generator produced '{duplicates[0]}' twice; nothing was written (this is a bug in lspgen)");

        var oldManifest = File.Exists(manifestPath)
            ? Manifest.Parse(File.ReadAllText(manifestPath), manifestPath)
            : Manifest.Empty;
        var ignore = File.Exists(ignorePath) ? IgnoreRules.Parse(File.ReadAllText(ignorePath), ignorePath) : IgnoreRules.None;

        // Check every path before touching anything: an unsafe path aborts the whole run.
        var resolver = new OutputPath.Resolver(root);
        var generated = files.OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => (File: f, FullPath: resolver.Resolve(f.Path), Bytes: Manifest.Encode(f.Content)))
            .ToList();
        var generatedPaths = generated.Select(g => g.File.Path).ToHashSet(StringComparer.Ordinal);
        var orphans = oldManifest.Entries.Values
            .Where(e => !generatedPaths.Contains(e.Path))
            .Select(e => (Entry: e, FullPath: resolver.Resolve(e.Path)))
            .ToList();

        Directory.CreateDirectory(root);
        var plan = generated.Select(g => (g.File, g.FullPath, g.Bytes, Action: Decide(g.File, g.FullPath, g.Bytes, oldManifest, ignore, options))).ToList();

        var written = new List<string>();
        var unchanged = new List<string>();
        var conflicts = new List<string>();
        var userKept = new List<string>();
        var ignored = new List<string>();
        var removed = new List<string>();
        var orphansKept = new List<string>();
        var newEntries = new List<ManifestEntry>();
        var existingFolders = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (file, fullPath, bytes, action) in plan)
        {
            var entry = new ManifestEntry(file.Path, Manifest.Sha256Of(bytes), file.Owner);
            switch (action)
            {
                case Action.Write:
                    WriteAtomically(fullPath, bytes, existingFolders);
                    written.Add(file.Path);
                    newEntries.Add(entry);
                    break;
                case Action.Unchanged:
                    unchanged.Add(file.Path);
                    newEntries.Add(entry);
                    break;
                case Action.Conflict:
                    conflicts.Add(file.Path);
                    // Keep what the generator last wrote, so the file stays a conflict until resolved.
                    if (oldManifest.Entries.TryGetValue(file.Path, out var previous)) newEntries.Add(previous);
                    break;
                case Action.UserKept:
                    userKept.Add(file.Path);
                    newEntries.Add(oldManifest.Entries.TryGetValue(file.Path, out var first) ? first with { Owner = FileOwner.User } : entry);
                    break;
                case Action.HistoryKept:
                    // An earlier revision differs from what this spec would render: it is history, keep it as it is.
                    unchanged.Add(file.Path);
                    newEntries.Add(oldManifest.Entries.TryGetValue(file.Path, out var history) ? history : entry);
                    break;
                case Action.Ignored:
                    ignored.Add(file.Path);
                    if (oldManifest.Entries.TryGetValue(file.Path, out var kept)) newEntries.Add(kept);
                    break;
            }
        }

        foreach (var (entry, fullPath) in orphans)
        {
            if (ignore.IsIgnored(entry.Path))
            {
                ignored.Add(entry.Path);
                newEntries.Add(entry);
            }
            else if (entry.Owner == FileOwner.History)
            {
                // Revisions are never regenerated and never removed: databases already ran them.
                if (File.Exists(fullPath)) newEntries.Add(entry);
            }
            else if (!File.Exists(fullPath))
            {
                // Already gone: nothing to do, and nothing left to record.
            }
            else if (options.Force || Manifest.Sha256Of(File.ReadAllBytes(fullPath)) == entry.Sha256)
            {
                File.Delete(fullPath);
                RemoveEmptyFolders(root, Path.GetDirectoryName(fullPath)!);
                removed.Add(entry.Path);
            }
            else
            {
                orphansKept.Add(entry.Path);
                newEntries.Add(entry);
            }
        }

        var manifest = new Manifest(newEntries);
        var manifestText = manifest.ToJson();
        if (!File.Exists(manifestPath) || File.ReadAllText(manifestPath) != manifestText)
            WriteAtomically(manifestPath, Manifest.Encode(manifestText));

        static IReadOnlyList<string> Sorted(List<string> list) => [.. list.Order(StringComparer.Ordinal)];
        return new WriteReport(Sorted(written), Sorted(unchanged), Sorted(conflicts), Sorted(removed),
            Sorted(orphansKept), Sorted(ignored), Sorted(userKept));
    }

    private static Action Decide(GeneratedFile file, string fullPath, byte[] bytes, Manifest oldManifest, IgnoreRules ignore, WriteOptions options)
    {
        if (ignore.IsIgnored(file.Path)) return Action.Ignored;
        if (Directory.Exists(fullPath))
            throw new OutputWriteException($"cannot write '{file.Path}': a folder of that name exists in the output folder; rename or remove it");
        if (!File.Exists(fullPath)) return Action.Write;
        if (file.Owner == FileOwner.User) return Action.UserKept;
        var current = Manifest.Sha256Of(File.ReadAllBytes(fullPath));
        if (current == Manifest.Sha256Of(bytes)) return Action.Unchanged;
        if (file.Owner == FileOwner.History) return Action.HistoryKept;
        var unedited = oldManifest.Entries.TryGetValue(file.Path, out var recorded) && recorded.Sha256 == current;
        return unedited || options.Force ? Action.Write : Action.Conflict;
    }

    private static void WriteAtomically(string fullPath, byte[] bytes, HashSet<string>? existingFolders = null)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        if (existingFolders is null || existingFolders.Add(folder)) Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.lspgen-tmp-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void RemoveEmptyFolders(string root, string folder)
    {
        while (OutputPath.IsInside(root, folder) && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }
}
