using System.Globalization;
using System.Text;
using System.Text.Json;
using LspGen.Spec.Diagnostics;
using LspGen.Spec.Syntax;

namespace LspGen.Cli;

/// <summary>Diagnostics as a compiler prints them (<c>spec.yaml:12:9: error LSG012: …</c>) or as JSON for tools.</summary>
public static class DiagnosticOutput
{
    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Information => "information",
        _ => "hint",
    };

    /// <summary>One line per diagnostic (1-based line:column), related locations as indented notes.</summary>
    public static void WriteText(TextWriter writer, string file, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            writer.WriteLine($"{file}:{Where(d.Range.Start)}: {SeverityName(d.Severity)} {d.Code}: {d.Message}");
            foreach (var related in d.Related)
                writer.WriteLine($"  {file}:{Where(related.Range.Start)}: note: {related.Message}");
        }
    }

    /// <summary>"spec.yaml: 2 errors, 1 warning" (informations and hints are not counted).</summary>
    public static string Summary(string file, IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = diagnostics.Count(d => d.Severity == Severity.Warning);
        return string.Create(CultureInfo.InvariantCulture,
            $"{file}: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}");
    }

    /// <summary>A JSON array of {code, severity, message, range:{start:{line,character},end:{line,character}}}, 0-based.</summary>
    public static string ToJson(IReadOnlyList<Diagnostic> diagnostics)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartArray();
            foreach (var d in diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("code", d.Code);
                json.WriteString("severity", SeverityName(d.Severity));
                json.WriteString("message", d.Message);
                json.WritePropertyName("range");
                WriteRange(json, d.Range);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRange(Utf8JsonWriter json, SourceRange range)
    {
        json.WriteStartObject();
        WritePosition(json, "start", range.Start);
        WritePosition(json, "end", range.End);
        json.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter json, string name, Position position)
    {
        json.WriteStartObject(name);
        json.WriteNumber("line", position.Line);
        json.WriteNumber("character", position.Character);
        json.WriteEndObject();
    }

    private static string Where(Position p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Line + 1}:{p.Character + 1}");
}
