namespace LspGen.Compiler.Write;

/// <summary>
/// The one place that decides whether a relative path may be written: it must name a file strictly
/// inside the output folder, and stay there after every symlink on the way has been resolved.
/// </summary>
public static class OutputPath
{
    public const string ManifestName = ".lspgen-manifest.json";
    public const string IgnoreName = ".lspgenignore";

    private const int MaxLinkHops = 40;

    /// <summary>Why <paramref name="relativePath"/> is not a plain relative path, or null when it is.</summary>
    public static string? SyntaxProblem(string relativePath)
    {
        if (relativePath.Length == 0) return "the path is empty";
        if (relativePath.Contains('\0')) return "the path contains a NUL character";
        if (relativePath.Contains('\\')) return "the path contains '\\' (use '/' as separator)";
        if (relativePath.StartsWith('/')) return "the path is absolute";
        if (relativePath.Length >= 2 && char.IsAsciiLetter(relativePath[0]) && relativePath[1] == ':')
            return "the path starts with a drive letter";
        foreach (var segment in relativePath.Split('/'))
        {
            if (segment.Length == 0) return "the path has an empty segment ('//' or a trailing '/')";
            if (segment is "." or "..") return $"the path contains a '{segment}' segment";
            if (segment.Any(char.IsControl)) return "the path contains a control character";
        }
        if (relativePath is ManifestName or IgnoreName) return $"'{relativePath}' is reserved for LspGen itself";
        return null;
    }

    /// <summary>
    /// The absolute path of <paramref name="relativePath"/> under <paramref name="realRoot"/> (itself already
    /// symlink-free, see <see cref="RealPath"/>), or an <see cref="OutputWriteException"/> when the path
    /// is malformed or a symlink on the way leads outside the root.
    /// </summary>
    public static string Resolve(string realRoot, string relativePath) => new Resolver(realRoot).Resolve(relativePath);

    /// <summary>
    /// <see cref="Resolve"/> for many paths of one run: the real path of each folder is computed once,
    /// which matters when a project has hundreds of files in a handful of folders.
    /// </summary>
    public sealed class Resolver(string realRoot)
    {
        private readonly Dictionary<string, string> _realFolders = new(StringComparer.Ordinal);

        public string Resolve(string relativePath)
        {
            if (SyntaxProblem(relativePath) is { } problem)
                throw new OutputWriteException($"unsafe output path '{Printable(relativePath)}': {problem}; nothing was written");
            var full = Path.Combine(realRoot, relativePath.Replace('/', Path.DirectorySeparatorChar));
            var folder = Path.GetDirectoryName(full)!;
            if (!_realFolders.TryGetValue(folder, out var realFolder))
                _realFolders[folder] = realFolder = RealPath(folder);
            var real = Path.Combine(realFolder, Path.GetFileName(full));
            if (new FileInfo(real).LinkTarget is not null) real = RealPath(real);
            if (!IsInside(realRoot, real))
                throw new OutputWriteException(
                    $"unsafe output path '{relativePath}': it resolves to '{real}', outside the output folder '{realRoot}' " +
                    "(a symlink leads out of it); nothing was written");
            return full;
        }
    }

    /// <summary>The path of LspGen's own file <paramref name="name"/> (manifest, ignore file), checked like any other.</summary>
    public static string ResolveOwn(string realRoot, string name)
    {
        var full = Path.Combine(realRoot, name);
        if (!IsInside(realRoot, RealPath(full)))
            throw new OutputWriteException($"'{full}' is a symlink leading outside the output folder; remove it");
        return full;
    }

    /// <summary>
    /// <paramref name="path"/> made absolute with every existing symlink along it resolved (like realpath -m):
    /// components that do not exist yet are appended as written.
    /// </summary>
    public static string RealPath(string path)
    {
        var hops = 0;
        return Walk(Path.GetFullPath(path), ref hops);
    }

    private static string Walk(string fullPath, ref int hops)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        var rest = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < rest.Length; i++)
        {
            var next = Path.Combine(current, rest[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++hops > MaxLinkHops) throw new OutputWriteException($"too many levels of symlinks at '{next}'");
                var resolved = Path.GetFullPath(target, current);
                current = Walk(resolved, ref hops);
            }
            else
            {
                current = next;
            }
        }
        return current;
    }

    public static bool IsInside(string realRoot, string realPath)
    {
        var prefix = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
        return realPath.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string Printable(string s) =>
        string.Concat(s.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
