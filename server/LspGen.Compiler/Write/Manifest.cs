using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LspGen.Compiler.Write;

/// <summary>One line of the manifest: a generated file as the generator last wrote it.</summary>
public sealed record ManifestEntry(string Path, string Sha256, FileOwner Owner);

/// <summary>
/// The record of what was generated (<c>.lspgen-manifest.json</c>): it is how a later run tells a file
/// the user edited from one the generator may overwrite. Entries are sorted and the text is stable.
/// </summary>
public sealed class Manifest
{
    private const int FormatVersion = 1;

    public IReadOnlyDictionary<string, ManifestEntry> Entries { get; }

    public Manifest(IEnumerable<ManifestEntry> entries) =>
        Entries = new SortedDictionary<string, ManifestEntry>(entries.ToDictionary(e => e.Path, StringComparer.Ordinal), StringComparer.Ordinal);

    public static Manifest Empty { get; } = new([]);

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static byte[] Encode(string content) => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("generator", "lspgen");
            json.WriteNumber("version", FormatVersion);
            json.WriteStartArray("files");
            foreach (var entry in Entries.Values)
            {
                json.WriteStartObject();
                json.WriteString("path", entry.Path);
                json.WriteString("sha256", entry.Sha256);
                json.WriteString("owner", entry.Owner switch { FileOwner.User => "user", FileOwner.History => "history", _ => "generator" });
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads a manifest; <paramref name="where"/> names the file in error messages.</summary>
    public static Manifest Parse(string text, string where)
    {
        OutputWriteException Bad(string why) => new(
            $"{where}: {why}. The manifest is written by lspgen; if it was damaged, restore it from version control " +
            "or delete it (every existing file will then be reported as a conflict until you use --force)");
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
                throw Bad("expected an object with a \"files\" array");
            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var v) || v != FormatVersion)
                throw Bad($"unsupported manifest version (this lspgen reads version {FormatVersion})");
            var entries = new List<ManifestEntry>();
            foreach (var file in files.EnumerateArray())
            {
                string? Text(string name) =>
                    file.ValueKind == JsonValueKind.Object && file.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                var path = Text("path");
                var sha = Text("sha256");
                var owner = Text("owner");
                if (path is null || sha is null || owner is not ("generator" or "user" or "history"))
                    throw Bad("every entry needs \"path\", \"sha256\" and \"owner\" (\"generator\", \"user\" or \"history\")");
                entries.Add(new ManifestEntry(path, sha, owner switch { "user" => FileOwner.User, "history" => FileOwner.History, _ => FileOwner.Generator }));
            }
            if (entries.Select(e => e.Path).Distinct(StringComparer.Ordinal).Count() != entries.Count)
                throw Bad("a path is listed twice");
            return new Manifest(entries);
        }
        catch (JsonException e)
        {
            throw Bad($"not valid JSON ({e.Message})");
        }
    }
}
