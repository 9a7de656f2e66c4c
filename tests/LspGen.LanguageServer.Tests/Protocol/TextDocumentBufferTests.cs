using System.Text;
using LspGen.LanguageServer.Protocol;
using LspGen.LanguageServer.Protocol.Lsp;
using LspRange = LspGen.LanguageServer.Protocol.Lsp.Range;
using SourcePosition = LspGen.Spec.Syntax.Position;
using SourceRange = LspGen.Spec.Syntax.SourceRange;

namespace LspGen.LanguageServer.Tests.Protocol;

public class TextDocumentBufferTests
{
    static TextDocumentContentChangeEvent Change(int startLine, int startCharacter, int endLine, int endCharacter, string text) =>
        new(text, new LspRange(new Position(startLine, startCharacter), new Position(endLine, endCharacter)));

    static TextDocumentBuffer Apply(string text, TextDocumentContentChangeEvent change, PositionEncoding? encoding = null)
    {
        var buffer = new TextDocumentBuffer(text, encoding);
        buffer.Apply(change);
        return buffer;
    }

    [Fact]
    public void Inserts_text()
    {
        Assert.Equal("entities:\n  User:\n", Apply("entities:\n", Change(1, 0, 1, 0, "  User:\n")).Text);
        Assert.Equal("name: string", Apply("name: strg", Change(0, 9, 0, 9, "in")).Text);
    }

    [Fact]
    public void Deletes_text_across_lines()
    {
        var buffer = Apply("a\nbb\nccc\n", Change(0, 1, 2, 1, ""));

        Assert.Equal("acc\n", buffer.Text);
        Assert.Equal(2, buffer.LineCount);
        Assert.Equal("acc", buffer.GetLine(0).ToString());
    }

    [Fact]
    public void Replaces_a_multi_line_range_with_multi_line_text()
    {
        var buffer = Apply("one\ntwo\nthree\nfour", Change(1, 1, 2, 3, "X\nY\nZ"));

        Assert.Equal("one\ntX\nY\nZee\nfour", buffer.Text);
        Assert.Equal(["one", "tX", "Y", "Zee", "four"], Enumerable.Range(0, buffer.LineCount).Select(i => buffer.GetLine(i).ToString()));
    }

    [Fact]
    public void Replaces_everything_when_the_change_has_no_range()
    {
        var buffer = new TextDocumentBuffer("old\ntext");
        buffer.Apply(new TextDocumentContentChangeEvent("new\r\ntext\r\n"));

        Assert.Equal("new\r\ntext\r\n", buffer.Text);
        Assert.Equal(3, buffer.LineCount);
        Assert.Equal("text", buffer.GetLine(1).ToString());
    }

    [Fact]
    public void Treats_crlf_and_lone_cr_as_line_breaks()
    {
        var buffer = new TextDocumentBuffer("a\r\nb\rc\nd");

        Assert.Equal(4, buffer.LineCount);
        Assert.Equal(["a", "b", "c", "d"], Enumerable.Range(0, 4).Select(i => buffer.GetLine(i).ToString()));
        Assert.Equal(new Position(0, 1), buffer.PositionAt(2)); // between \r and \n → end of line 0
    }

    [Fact]
    public void Joining_a_cr_and_an_lf_merges_two_line_breaks_into_one()
    {
        var buffer = Apply("a\r\nb", Change(0, 1, 1, 0, "\r")); // "a\rb"
        Assert.Equal(2, buffer.LineCount);

        buffer.Apply(Change(1, 0, 1, 0, "\n")); // "a\r\nb": the inserted \n joins the \r

        Assert.Equal("a\r\nb", buffer.Text);
        Assert.Equal(2, buffer.LineCount);
        Assert.Equal("b", buffer.GetLine(1).ToString());
    }

    [Theory]
    [InlineData(5, 0, 9, 9, "abc\ndefX")]   // lines past the end → end of document
    [InlineData(0, 99, 0, 99, "abcX\ndef")] // character past the end of the line → end of line
    [InlineData(-1, -5, -1, -5, "Xabc\ndef")]
    [InlineData(1, 2, 0, 1, "aXf")]           // reversed range → swapped
    public void Out_of_range_positions_clamp(int startLine, int startCharacter, int endLine, int endCharacter, string expected)
    {
        Assert.Equal(expected, Apply("abc\ndef", Change(startLine, startCharacter, endLine, endCharacter, "X")).Text);
    }

    [Fact]
    public void Applies_utf8_ranges_on_astral_and_cjk_text()
    {
        var buffer = new TextDocumentBuffer("name: 😀日本\n", PositionEncoding.Utf8);

        buffer.Apply(Change(0, 10, 0, 13, "x")); // byte 10 = after 😀, 13 = after 日

        Assert.Equal("name: 😀x本\n", buffer.Text);
        Assert.Equal(new Position(0, 14), buffer.PositionAt("name: 😀x本".Length));
    }

    [Fact]
    public void Converts_our_utf16_ranges_to_the_wire_and_back()
    {
        var buffer = new TextDocumentBuffer("a: 😀\nb: 日本語", PositionEncoding.Utf8);
        var range = SourceRange.Of(1, 3, 1, 6);

        var wire = buffer.ToProtocol(range);

        Assert.Equal(new LspRange(new Position(1, 3), new Position(1, 12)), wire);
        Assert.Equal(range, buffer.FromProtocol(wire));
        Assert.Equal(new Position(0, 7), buffer.ToProtocol(new SourcePosition(0, 5)));
        Assert.Equal(new SourcePosition(1, 6), buffer.FromProtocol(new Position(7, 0))); // past the end → end of document
        Assert.Equal(new Position(1, 12), buffer.ToProtocol(new SourcePosition(9, 0)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_edits_match_a_naive_reference_in_utf16(int seed) => RandomEdits(seed, PositionEncoding.Utf16);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Random_edits_match_a_naive_reference_in_utf8(int seed) => RandomEdits(seed, PositionEncoding.Utf8);

    static readonly string[] Pieces = ["a", "b", "key: ", " ", "\n", "\r\n", "\r", "é", "日本", "😀", "🎉x", "\t"];

    static void RandomEdits(int seed, PositionEncoding encoding)
    {
        var random = new Random(seed);
        var text = RandomText(random, 40);
        var buffer = new TextDocumentBuffer(text, encoding);
        for (var step = 0; step < 400; step++)
        {
            var lines = NaiveReference.Lines(text);
            var start = RandomPosition(random, lines, encoding);
            var end = random.Next(4) == 0 ? start : RandomPosition(random, lines, encoding);
            var newText = random.Next(3) == 0 ? "" : RandomText(random, random.Next(1, 6));
            var change = random.Next(50) == 0
                ? new TextDocumentContentChangeEvent(newText)
                : new TextDocumentContentChangeEvent(newText, new LspRange(start, end));

            text = NaiveReference.Apply(text, change, encoding);
            buffer.Apply(change);

            var context = $"seed {seed}, step {step}, change {change}";
            Assert.True(text == buffer.Text, context);
            var expectedLines = NaiveReference.Lines(text);
            Assert.True(expectedLines.Count == buffer.LineCount, context);
            for (var line = 0; line < expectedLines.Count; line++)
                Assert.True(expectedLines[line] == buffer.GetLine(line).ToString(), $"{context}, line {line}");
            var probe = RandomPosition(random, expectedLines, encoding);
            Assert.True(NaiveReference.Offset(text, probe, encoding) == buffer.OffsetAt(probe), $"{context}, probe {probe}");
            var offset = random.Next(text.Length + 1);
            Assert.True(NaiveReference.PositionAt(text, offset, encoding) == buffer.PositionAt(offset), $"{context}, offset {offset}");
        }
    }

    static string RandomText(Random random, int pieces)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pieces; i++) builder.Append(Pieces[random.Next(Pieces.Length)]);
        return builder.ToString();
    }

    // Mostly valid positions, sometimes out of range or inside a character.
    static Position RandomPosition(Random random, IReadOnlyList<string> lines, PositionEncoding encoding)
    {
        var line = random.Next(10) == 0 ? random.Next(-1, lines.Count + 3) : random.Next(lines.Count);
        var length = line >= 0 && line < lines.Count
            ? (encoding == PositionEncoding.Utf8 ? Encoding.UTF8.GetByteCount(lines[line]) : lines[line].Length)
            : 3;
        var character = random.Next(10) == 0 ? random.Next(-2, length + 5) : random.Next(length + 1);
        return new Position(line, character);
    }

    /// <summary>Recomputes everything from scratch with the simplest possible code, rune by rune.</summary>
    static class NaiveReference
    {
        public static List<string> Lines(string text) =>
            [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')];

        // Each line with its break, so that offsets can be summed.
        static List<(string Content, int Length)> LinesWithBreaks(string text)
        {
            var result = new List<(string, int)>();
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != '\n' && text[i] != '\r') continue;
                var breakLength = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                result.Add((text[start..i], i - start + breakLength));
                i += breakLength - 1;
                start = i + 1;
            }
            result.Add((text[start..], text.Length - start));
            return result;
        }

        public static int Offset(string text, Position position, PositionEncoding encoding)
        {
            var lines = LinesWithBreaks(text);
            if (position.Line < 0) return 0;
            if (position.Line >= lines.Count) return text.Length;
            var offset = lines.Take(position.Line).Sum(l => l.Length);
            var units = 0;   // in the wire encoding
            var chars = 0;   // in UTF-16
            foreach (var rune in lines[position.Line].Content.EnumerateRunes())
            {
                var width = encoding == PositionEncoding.Utf8 ? rune.Utf8SequenceLength : rune.Utf16SequenceLength;
                if (units + width > position.Character) break;
                units += width;
                chars += rune.Utf16SequenceLength;
            }
            return offset + chars;
        }

        public static Position PositionAt(string text, int offset, PositionEncoding encoding)
        {
            var lines = LinesWithBreaks(text);
            var line = 0;
            while (line + 1 < lines.Count && offset >= lines[line].Length)
            {
                offset -= lines[line].Length;
                line++;
            }
            // Whole runes only: an offset inside a surrogate pair means the start of the pair.
            var units = 0;
            var chars = 0;
            foreach (var rune in lines[line].Content.EnumerateRunes())
            {
                if (chars + rune.Utf16SequenceLength > offset) break;
                chars += rune.Utf16SequenceLength;
                units += encoding == PositionEncoding.Utf8 ? rune.Utf8SequenceLength : rune.Utf16SequenceLength;
            }
            return new Position(line, units);
        }

        public static string Apply(string text, TextDocumentContentChangeEvent change, PositionEncoding encoding)
        {
            if (change.Range is not { } range) return change.Text;
            var start = Offset(text, range.Start, encoding);
            var end = Offset(text, range.End, encoding);
            if (end < start) (start, end) = (end, start);
            return text[..start] + change.Text + text[end..];
        }
    }
}
