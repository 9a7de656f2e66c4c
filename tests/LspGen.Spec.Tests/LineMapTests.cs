using LspGen.Spec.Syntax;

namespace LspGen.Spec.Tests;

/// <summary>
/// The parser converts offsets with a line hint (fast path); it must agree with the plain binary search
/// for every offset sequence: forward steps, jumps of many lines, backwards moves, out-of-range values.
/// </summary>
public class LineMapTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Hinted_positions_equal_the_binary_search(int seed)
    {
        var random = new Random(seed);
        var breaks = new[] { "\n", "\r\n", "\r", "" };
        var text = string.Concat(Enumerable.Range(0, 400).Select(_ =>
            new string('x', random.Next(0, 6)) + breaks[random.Next(breaks.Length)]));
        var map = new LineMap(text);
        var hint = 0;
        long offset = 0;
        for (var i = 0; i < 5_000; i++)
        {
            offset = random.Next(10) switch
            {
                < 6 => offset + random.Next(0, 4),               // the parser's usual small forward steps
                6 => offset + random.Next(20, 200),              // a jump over many lines
                7 => offset - random.Next(0, 50),                // backwards
                8 => random.Next(-5, text.Length + 5),           // anywhere, out of range included
                _ => offset,
            };
            var hinted = map.PositionAt(offset, ref hint);
            Assert.Equal(map.PositionAt(offset), hinted);
            Assert.Equal(hinted.Line, hint);
        }
    }

    [Fact]
    public void A_stale_hint_past_the_last_line_falls_back()
    {
        var map = new LineMap("a\nb\nc");
        var hint = 99;
        Assert.Equal(new Position(1, 0), map.PositionAt(2, ref hint));
        Assert.Equal(1, hint);
    }
}
