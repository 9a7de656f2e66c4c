using System.Text;
using LspGen.LanguageServer.Protocol.Lsp;

namespace LspGen.LanguageServer.Protocol;

/// <summary>The unit of <c>Position.character</c> on the wire (LSP positionEncoding): UTF-16 code units or UTF-8 bytes.</summary>
/// <remarks>
/// Our own positions (LspGen.Spec.Syntax.Position) are always UTF-16 code units, so UTF-16 costs nothing
/// and is the default. Columns are converted on one line's text. Out-of-range input clamps instead of
/// throwing: a column past the end of the line means the end of the line (as LSP specifies), and a
/// column inside a character (between the bytes of one UTF-8 sequence, or between the two halves of a
/// surrogate pair) means the start of that character.
/// </remarks>
public sealed class PositionEncoding
{
    public static readonly PositionEncoding Utf16 = new("utf-16");
    public static readonly PositionEncoding Utf8 = new("utf-8");

    PositionEncoding(string name) => Name = name;

    /// <summary>The LSP name ("utf-16" or "utf-8"), for ServerCapabilities.PositionEncoding.</summary>
    public string Name { get; }

    public override string ToString() => Name;

    /// <summary>
    /// Picks the encoding from the client's general.positionEncodings: UTF-16 unless the client offers
    /// UTF-8 and not UTF-16. UTF-16 is mandatory for every client (absent list = ["utf-16"]) and is our
    /// native unit, so it wins whenever offered, even when the client lists UTF-8 first.
    /// </summary>
    public static PositionEncoding Negotiate(ClientCapabilities? capabilities) =>
        Negotiate(capabilities?.General?.PositionEncodings);

    /// <inheritdoc cref="Negotiate(ClientCapabilities?)"/>
    public static PositionEncoding Negotiate(IReadOnlyList<string>? offered)
    {
        if (offered is null || offered.Count == 0) return Utf16;
        if (offered.Contains("utf-16", StringComparer.Ordinal)) return Utf16;
        return offered.Contains("utf-8", StringComparer.Ordinal) ? Utf8 : Utf16;
    }

    /// <summary>Converts a column in this encoding on <paramref name="line"/> (without its line break) to UTF-16 code units.</summary>
    public int ToUtf16Column(ReadOnlySpan<char> line, int column)
    {
        if (column <= 0) return 0;
        if (this == Utf16)
        {
            if (column >= line.Length) return line.Length;
            return char.IsLowSurrogate(line[column]) && char.IsHighSurrogate(line[column - 1]) ? column - 1 : column;
        }
        var bytes = 0;
        var index = 0;
        while (index < line.Length)
        {
            var width = Utf8Width(line, index, out var chars);
            if (bytes + width > column) return index;
            bytes += width;
            index += chars;
        }
        return line.Length;
    }

    /// <summary>Converts a UTF-16 column on <paramref name="line"/> (without its line break) to this encoding.</summary>
    public int FromUtf16Column(ReadOnlySpan<char> line, int utf16Column)
    {
        var column = Utf16.ToUtf16Column(line, utf16Column); // clamps and snaps to the start of a character
        if (this == Utf16) return column;
        var prefix = line[..column];
        return Encoding.UTF8.GetByteCount(prefix);
    }

    // UTF-8 length of the character at index; a lone surrogate is encoded as U+FFFD (3 bytes), as the
    // encoder of every client does.
    static int Utf8Width(ReadOnlySpan<char> line, int index, out int chars)
    {
        var c = line[index];
        chars = 1;
        if (c < 0x80) return 1;
        if (c < 0x800) return 2;
        if (char.IsHighSurrogate(c) && index + 1 < line.Length && char.IsLowSurrogate(line[index + 1]))
        {
            chars = 2;
            return 4;
        }
        return 3;
    }
}
