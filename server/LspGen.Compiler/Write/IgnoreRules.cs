using System.Text;
using System.Text.RegularExpressions;

namespace LspGen.Compiler.Write;

/// <summary>
/// The globs of <c>.lspgenignore</c>: paths the writer never creates, overwrites or removes. A subset of
/// gitignore that users already know: '#' comments, '*', '?', '**', a trailing '/' for folders, a
/// pattern without '/' matching a name at any depth, one with '/' anchored at the output folder.
/// </summary>
public sealed class IgnoreRules
{
    private sealed record Rule(Regex Pattern, bool Anchored, bool FoldersOnly);

    private readonly IReadOnlyList<Rule> _rules;

    private IgnoreRules(IReadOnlyList<Rule> rules) => _rules = rules;

    public static IgnoreRules None { get; } = new([]);

    /// <summary>Parses the file's text; <paramref name="where"/> names it in error messages.</summary>
    public static IgnoreRules Parse(string text, string where)
    {
        var rules = new List<Rule>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith('!'))
                throw new OutputWriteException($"{where}:{i + 1}: '!' (re-include) patterns are not supported; list only the paths to leave alone");
            var foldersOnly = line.EndsWith('/');
            var glob = line.TrimEnd('/');
            var anchored = glob.Contains('/');
            glob = glob.TrimStart('/');
            if (glob.Length == 0) throw new OutputWriteException($"{where}:{i + 1}: the pattern '{line}' matches nothing useful");
            rules.Add(new Rule(new Regex(ToRegex(glob), RegexOptions.CultureInvariant), anchored, foldersOnly));
        }
        return new IgnoreRules(rules);
    }

    /// <summary>True when the file at <paramref name="relativePath"/> ('/'-separated) or a folder above it is ignored.</summary>
    public bool IsIgnored(string relativePath)
    {
        if (_rules.Count == 0) return false;
        var segments = relativePath.Split('/');
        for (var depth = 1; depth <= segments.Length; depth++)
        {
            var isFolder = depth < segments.Length;
            var prefix = string.Join('/', segments, 0, depth);
            var name = segments[depth - 1];
            foreach (var rule in _rules)
            {
                if (rule.FoldersOnly && !isFolder) continue;
                if (rule.Pattern.IsMatch(rule.Anchored ? prefix : name)) return true;
            }
        }
        return false;
    }

    private static string ToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var followedBySlash = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(followedBySlash ? "(?:.*/)?" : ".*");
                i += followedBySlash ? 2 : 1;
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.Append('$').ToString();
    }
}
