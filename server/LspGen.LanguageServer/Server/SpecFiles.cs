namespace LspGen.LanguageServer.Server;

/// <summary>Decides which open documents are LspGen specs; every other document is ignored (no diagnostics for random YAML).</summary>
public static class SpecFiles
{
    /// <summary>The language id an LspGen-aware client (our VS Code extension) gives spec files.</summary>
    public const string SpecLanguageId = "lspgen-spec";

    /// <summary>The language id an LspGen-aware client gives PRD files.</summary>
    public const string PrdLanguageId = "lspgen-prd";

    /// <summary>A PRD is a document with the PRD language id or a file named <c>*.prd.md</c>.</summary>
    public static bool IsPrd(string uri, string? languageId) =>
        string.Equals(languageId, PrdLanguageId, StringComparison.Ordinal)
        || FileName(uri).EndsWith(".prd.md", StringComparison.Ordinal);

    /// <summary>
    /// A spec is a document with our language id, a file named <c>spec.yaml</c>, <c>*.spec.yaml</c> or
    /// <c>*.lspgen.yaml</c> (also .yml), or any YAML/JSON document whose first key is <c>spec_version</c>.
    /// </summary>
    public static bool IsSpec(string uri, string? languageId, string text)
    {
        if (string.Equals(languageId, SpecLanguageId, StringComparison.Ordinal)) return true;
        var name = FileName(uri);
        if (name is "spec.yaml" or "spec.yml"
            || name.EndsWith(".spec.yaml", StringComparison.Ordinal) || name.EndsWith(".spec.yml", StringComparison.Ordinal)
            || name.EndsWith(".lspgen.yaml", StringComparison.Ordinal) || name.EndsWith(".lspgen.yml", StringComparison.Ordinal))
            return true;
        var yamlLike = languageId is "yaml" or "json" or null
            || name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal);
        return yamlLike && FirstKeyIsSpecVersion(text);
    }

    static string FileName(string uri)
    {
        var path = uri.Split('?', '#')[0];
        var slash = path.LastIndexOf('/');
        return Uri.UnescapeDataString(slash >= 0 ? path[(slash + 1)..] : path).ToLowerInvariant();
    }

    /// <summary>
    /// True when the first key of the document is spec_version: skips blank lines, comments, directives
    /// and "---", and accepts a JSON object start. Looks at a bounded prefix only, so it is cheap enough
    /// to run on every change.
    /// </summary>
    public static bool FirstKeyIsSpecVersion(string text)
    {
        const int Limit = 64 * 1024;
        var span = text.AsSpan(0, Math.Min(text.Length, Limit));
        while (!span.IsEmpty)
        {
            var end = span.IndexOfAny('\n', '\r');
            var line = (end < 0 ? span : span[..end]).Trim();
            span = end < 0 ? [] : span[(end + 1)..];
            if (line.IsEmpty || line[0] == '#' || line[0] == '%' || line.SequenceEqual("---")) continue;
            if (line.StartsWith("---")) line = line[3..].TrimStart();
            if (line.StartsWith("{")) line = line[1..].TrimStart();
            if (line.IsEmpty) continue;
            if (line[0] is '"' or '\'')
            {
                var quote = line[0];
                line = line[1..];
                if (!line.StartsWith("spec_version")) return false;
                line = line["spec_version".Length..];
                return line.StartsWith([quote]) && line[1..].TrimStart().StartsWith(":");
            }
            return line.StartsWith("spec_version") && line["spec_version".Length..].TrimStart().StartsWith(":");
        }
        return false;
    }
}
