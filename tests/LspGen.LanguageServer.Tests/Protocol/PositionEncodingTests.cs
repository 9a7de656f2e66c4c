using System.Text;
using LspGen.LanguageServer.Protocol;
using LspGen.LanguageServer.Protocol.Lsp;

namespace LspGen.LanguageServer.Tests.Protocol;

public class PositionEncodingTests
{
    [Theory]
    [InlineData(null, "utf-16")]
    [InlineData(new string[0], "utf-16")]
    [InlineData(new[] { "utf-16" }, "utf-16")]
    [InlineData(new[] { "utf-8" }, "utf-8")]
    [InlineData(new[] { "utf-8", "utf-16" }, "utf-16")]
    [InlineData(new[] { "utf-8", "utf-16", "utf-32" }, "utf-16")]
    [InlineData(new[] { "utf-32", "utf-8" }, "utf-8")]
    [InlineData(new[] { "utf-32" }, "utf-16")]
    public void Negotiates_utf16_unless_the_client_offers_utf8_without_utf16(string[]? offered, string expected)
    {
        Assert.Equal(expected, PositionEncoding.Negotiate(offered).Name);
    }

    [Fact]
    public void Negotiates_from_client_capabilities()
    {
        var capabilities = new ClientCapabilities { General = new GeneralClientCapabilities { PositionEncodings = ["utf-8"] } };

        Assert.Same(PositionEncoding.Utf8, PositionEncoding.Negotiate(capabilities));
        Assert.Same(PositionEncoding.Utf16, PositionEncoding.Negotiate(new ClientCapabilities()));
    }

    // "a😀b": a = 1 byte, 😀 = 2 UTF-16 units / 4 bytes, b = 1 byte.
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(4, 6)]
    public void Converts_columns_around_an_astral_character(int utf16, int utf8)
    {
        const string line = "a😀b";

        Assert.Equal(utf8, PositionEncoding.Utf8.FromUtf16Column(line, utf16));
        Assert.Equal(utf16, PositionEncoding.Utf8.ToUtf16Column(line, utf8));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 3)]
    [InlineData(2, 6)]
    [InlineData(3, 9)]
    [InlineData(4, 10)]
    [InlineData(5, 12)]
    public void Converts_columns_in_cjk_and_latin_text(int utf16, int utf8)
    {
        const string line = "日本語xé";

        Assert.Equal(utf8, PositionEncoding.Utf8.FromUtf16Column(line, utf16));
        Assert.Equal(utf16, PositionEncoding.Utf8.ToUtf16Column(line, utf8));
    }

    [Theory]
    [InlineData(2, 1)] // between the bytes of 😀 → its start
    [InlineData(3, 1)]
    [InlineData(4, 1)]
    [InlineData(99, 4)] // past the end → end of line
    [InlineData(-3, 0)]
    public void Utf8_columns_inside_a_character_or_out_of_range_clamp(int utf8, int expectedUtf16)
    {
        Assert.Equal(expectedUtf16, PositionEncoding.Utf8.ToUtf16Column("a😀b", utf8));
    }

    [Theory]
    [InlineData(2, 1)] // between the surrogates of 😀 → its start
    [InlineData(99, 4)]
    [InlineData(-1, 0)]
    public void Utf16_columns_inside_a_surrogate_pair_or_out_of_range_clamp(int utf16, int expected)
    {
        Assert.Equal(expected, PositionEncoding.Utf16.ToUtf16Column("a😀b", utf16));
        Assert.Equal(expected, PositionEncoding.Utf16.FromUtf16Column("a😀b", utf16));
    }

    [Fact]
    public void A_lone_surrogate_counts_as_three_bytes_like_its_replacement_character()
    {
        var line = "a\uD83Db";

        Assert.Equal(4, PositionEncoding.Utf8.FromUtf16Column(line, 2));
        Assert.Equal(2, PositionEncoding.Utf8.ToUtf16Column(line, 4));
    }

    [Fact]
    public void Every_character_boundary_round_trips_and_matches_the_utf8_encoder()
    {
        const string line = "x😀日é\t🎉🎉z𝄞";
        for (var column = 0; column <= line.Length; column++)
        {
            if (column > 0 && column < line.Length && char.IsLowSurrogate(line[column])) continue;
            var bytes = PositionEncoding.Utf8.FromUtf16Column(line, column);
            Assert.Equal(Encoding.UTF8.GetByteCount(line.AsSpan(0, column)), bytes);
            Assert.Equal(column, PositionEncoding.Utf8.ToUtf16Column(line, bytes));
        }
    }
}
