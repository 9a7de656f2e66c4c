using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LspGen.Drafting;

/// <summary>
/// Writes a spec received as JSON as block-style YAML a person can review: keys in the model's order,
/// strings plain only when YAML reads them back as the same string, otherwise double-quoted.
/// </summary>
public static class SpecYamlWriter
{
    public const string Header =
        "# Drafted by an LLM (lspgen draft) from a plain-language description.\n" +
        "# REVIEW IT before generating: names, types, keys and references may be guessed wrong.\n" +
        "# Then: lspgen validate spec.yaml && lspgen generate spec.yaml\n";

    /// <summary>The YAML text of <paramref name="root"/> (an object), with the review header when asked.</summary>
    public static string Write(JsonElement root, bool withHeader = true)
    {
        var yaml = new StringBuilder();
        if (withHeader) yaml.Append(Header);
        WriteMapping(yaml, root, 0);
        return yaml.ToString();
    }

    // firstKeyInline: the first key follows a "- " already written (a mapping inside a sequence).
    private static void WriteMapping(StringBuilder yaml, JsonElement mapping, int indent, bool firstKeyInline = false)
    {
        var first = true;
        foreach (var property in mapping.EnumerateObject())
        {
            if (!(first && firstKeyInline)) yaml.Append(' ', indent);
            first = false;
            yaml.Append(Scalar(property.Name)).Append(':');
            WriteValue(yaml, property.Value, indent);
        }
    }

    // Writes what follows "key:" or "-": an inline scalar or empty collection, or a nested block.
    private static void WriteValue(StringBuilder yaml, JsonElement value, int indent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when value.EnumerateObject().Any():
                yaml.Append('\n');
                WriteMapping(yaml, value, indent + 2);
                break;
            case JsonValueKind.Array when value.GetArrayLength() > 0:
                yaml.Append('\n');
                WriteSequence(yaml, value, indent + 2);
                break;
            default:
                yaml.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static void WriteSequence(StringBuilder yaml, JsonElement sequence, int indent)
    {
        foreach (var item in sequence.EnumerateArray())
        {
            yaml.Append(' ', indent).Append('-');
            if (item.ValueKind == JsonValueKind.Object && item.EnumerateObject().Any())
            {
                yaml.Append(' ');
                WriteMapping(yaml, item, indent + 2, firstKeyInline: true);
            }
            else WriteValue(yaml, item, indent);
        }
    }

    private static string Inline(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Scalar(value.GetString()!),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object => "{}",
        JsonValueKind.Array => "[]",
        _ => "null",
    };

    /// <summary>A string as a YAML scalar that reads back as exactly that string.</summary>
    public static string Scalar(string text) => IsSafePlain(text) ? text : DoubleQuoted(text);

    private static readonly HashSet<string> YamlWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    // Deliberately narrow: letters, digits and a few punctuation marks, not starting like a number or
    // an indicator, and not a word YAML 1.1 or 1.2 reads as a boolean or null.
    private static bool IsSafePlain(string text)
    {
        if (text.Length == 0 || YamlWords.Contains(text)) return false;
        if (!(char.IsAsciiLetter(text[0]) || text[0] == '_')) return false;
        if (text[^1] == ' ') return false;
        foreach (var c in text)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or ' ' or '.' or ',' or '(' or ')' or '/' or '-' or '+' or '\''))
                return false;
        return !text.Contains("  ", StringComparison.Ordinal);
    }

    private static string DoubleQuoted(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF')
                        quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }
}
