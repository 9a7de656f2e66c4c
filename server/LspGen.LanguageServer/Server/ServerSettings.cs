using System.Text.Json;
using LspGen.Spec.Diagnostics;

namespace LspGen.LanguageServer.Server;

/// <summary>
/// The user's "lspgen" settings section, as read from workspace/configuration or
/// workspace/didChangeConfiguration:
/// <code>
/// { "outputDirectory": "backend",
///   "diagnostics": { "errors": true, "warnings": false, "information": true, "hints": true } }
/// </code>
/// Unknown keys and values of the wrong kind are ignored (the default applies), so a typo in a
/// settings file never stops the server.
/// </summary>
/// <param name="OutputDirectory">
/// Where lspgen.generate writes when the command names no folder; relative paths are resolved against
/// the spec's folder. Null: a folder named after project_name next to the spec.
/// </param>
public sealed record ServerSettings(
    string? OutputDirectory = null,
    bool ShowErrors = true,
    bool ShowWarnings = true,
    bool ShowInformation = true,
    bool ShowHints = true)
{
    public static ServerSettings Default { get; } = new();

    /// <summary>Whether diagnostics of <paramref name="severity"/> are published.</summary>
    public bool Shows(Severity severity) => severity switch
    {
        Severity.Error => ShowErrors,
        Severity.Warning => ShowWarnings,
        Severity.Information => ShowInformation,
        _ => ShowHints,
    };

    /// <summary>Reads the "lspgen" section itself (the value workspace/configuration returns for section "lspgen").</summary>
    public static ServerSettings FromSection(JsonElement section)
    {
        if (section.ValueKind != JsonValueKind.Object) return Default;
        var diagnostics = section.TryGetProperty("diagnostics", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        return new ServerSettings(
            OutputDirectory: section.TryGetProperty("outputDirectory", out var o) && o.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(o.GetString()) ? o.GetString() : null,
            ShowErrors: Flag(diagnostics, "errors"),
            ShowWarnings: Flag(diagnostics, "warnings"),
            ShowInformation: Flag(diagnostics, "information"),
            ShowHints: Flag(diagnostics, "hints"));
    }

    /// <summary>
    /// Reads the settings object of workspace/didChangeConfiguration: clients send either the whole
    /// settings tree ({"lspgen": {...}}) or, like VS Code with a configurationSection, the same; flat
    /// dotted keys ("lspgen.diagnostics.warnings": false) are accepted too. Null when there is no "lspgen" part.
    /// </summary>
    public static ServerSettings? FromSettingsTree(JsonElement? settings)
    {
        if (settings is not { ValueKind: JsonValueKind.Object } tree) return null;
        if (tree.TryGetProperty("lspgen", out var section)) return FromSection(section);
        var flat = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in tree.EnumerateObject())
        {
            if (property.Name.StartsWith("lspgen.", StringComparison.Ordinal)) flat[property.Name["lspgen.".Length..]] = property.Value;
        }
        if (flat.Count == 0) return null;
        bool FlatFlag(string key) => !flat.TryGetValue("diagnostics." + key, out var v) || v.ValueKind != JsonValueKind.False;
        return new ServerSettings(
            OutputDirectory: flat.TryGetValue("outputDirectory", out var o) && o.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(o.GetString()) ? o.GetString() : null,
            ShowErrors: FlatFlag("errors"),
            ShowWarnings: FlatFlag("warnings"),
            ShowInformation: FlatFlag("information"),
            ShowHints: FlatFlag("hints"));
    }

    // Only an explicit false turns a severity off.
    static bool Flag(JsonElement diagnostics, string key) =>
        diagnostics.ValueKind != JsonValueKind.Object
        || !diagnostics.TryGetProperty(key, out var value)
        || value.ValueKind != JsonValueKind.False;
}
