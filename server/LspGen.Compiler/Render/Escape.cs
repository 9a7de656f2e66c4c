using System.Globalization;
using System.Text;

namespace LspGen.Compiler.Render;

/// <summary>
/// Escaping of user text for each target language the templates write. Every function returns a
/// self-contained token (a whole literal, or text with no line break), so spec text can never end a
/// literal, open a new line of code, or change the structure of the file it lands in.
/// </summary>
public static class Escape
{
    /// <summary>A double-quoted Python string literal; everything outside printable ASCII is a \x/\u/\U escape.</summary>
    public static string PyStr(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            switch (v)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case >= 0x20 and < 0x7F: sb.Append((char)v); break;
                case < 0x100: sb.Append(@"\x").Append(v.ToString("x2", CultureInfo.InvariantCulture)); break;
                case < 0x10000: sb.Append(@"\u").Append(v.ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(@"\U").Append(v.ToString("x8", CultureInfo.InvariantCulture)); break;
            }
        }
        // A lone surrogate cannot be a Rune: EnumerateRunes yields U+FFFD for it, which is escaped above.
        return sb.Append('"').ToString();
    }

    /// <summary>A double-quoted YAML 1.2 scalar (also a valid JSON string); non-ASCII and controls escaped.</summary>
    public static string YamlStr(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            switch (v)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case >= 0x20 and < 0x7F: sb.Append((char)v); break;
                case < 0x10000: sb.Append(@"\u").Append(v.ToString("x4", CultureInfo.InvariantCulture)); break;
                default:
                    // JSON has no \U escape: write a surrogate pair so the scalar stays valid JSON too.
                    var pair = rune.ToString();
                    sb.Append(@"\u").Append(((int)pair[0]).ToString("x4", CultureInfo.InvariantCulture));
                    sb.Append(@"\u").Append(((int)pair[1]).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    // ASCII punctuation that can open Markdown or HTML syntax anywhere in a line or a table cell.
    private const string MarkdownSpecials = "\\`*_[]<>|#!~(){}&$";

    /// <summary>Markdown inline text on one line: line breaks become spaces, syntax characters are backslash-escaped.</summary>
    public static string MdText(string text)
    {
        var line = SingleLine(text);
        var sb = new StringBuilder(line.Length + 8);
        var leadingDigits = true;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            // "+ x", "- x", "= x" and "1. x" / "1) x" only mean something at the start of a line.
            var startsBlock = (i == 0 && c is '+' or '-' or '=') || (leadingDigits && i > 0 && c is '.' or ')');
            if (MarkdownSpecials.Contains(c) || startsBlock) sb.Append('\\');
            sb.Append(c);
            leadingDigits &= char.IsAsciiDigit(c);
        }
        return sb.ToString();
    }

    /// <summary>Text for a line comment (#): one line, no control characters, nothing else changes.</summary>
    public static string Comment(string text) => SingleLine(text);

    // Every character that some reader treats as a line break (Python splitlines, YAML, JS) or a control.
    private static string SingleLine(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var isBreakOrControl = char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085';
            if (isBreakOrControl)
            {
                if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
            }
            else sb.Append(c);
        }
        return sb.ToString().Trim();
    }
}
