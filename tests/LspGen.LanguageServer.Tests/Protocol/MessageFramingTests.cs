using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using LspGen.LanguageServer.Protocol;

namespace LspGen.LanguageServer.Tests.Protocol;

public class MessageFramingTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    static byte[] Frame(string json) => Bytes($"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}");

    static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    // Feeds the chunks in the background (completing the pipe at the end) and reads every frame.
    static async Task<List<InboundFrame>> ReadAll(IEnumerable<byte[]> chunks, int maxMessageBytes = MessageReader.DefaultMaxMessageBytes)
    {
        var pipe = new Pipe();
        var feeding = Task.Run(async () =>
        {
            foreach (var chunk in chunks) await pipe.Writer.WriteAsync(chunk);
            await pipe.Writer.CompleteAsync();
        });
        var reader = new MessageReader(pipe.Reader, maxMessageBytes);
        var frames = new List<InboundFrame>();
        while (await reader.ReadAsync().AsTask().WaitAsync(Timeout) is { } frame) frames.Add(frame);
        await feeding.WaitAsync(Timeout);
        return frames;
    }

    static string Text(InboundFrame frame) =>
        frame.IsMessage ? Encoding.UTF8.GetString(frame.Content!) : $"error: {frame.FramingError}";

    [Fact]
    public async Task Reads_one_message()
    {
        var frames = await ReadAll([Frame("""{"jsonrpc":"2.0","method":"initialized"}""")]);

        Assert.Equal(["""{"jsonrpc":"2.0","method":"initialized"}"""], frames.Select(Text));
    }

    [Fact]
    public async Task Reads_headers_and_bodies_fed_one_byte_at_a_time()
    {
        var stream = Frame("""{"a":1}""").Concat(Bytes("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 7\r\n\r\n{\"b\":2}")).Concat(Frame("""{"c":"😀"}""")).ToArray();

        var frames = await ReadAll(stream.Select(b => new[] { b }));

        Assert.Equal(["""{"a":1}""", """{"b":2}""", """{"c":"😀"}"""], frames.Select(Text));
    }

    [Fact]
    public async Task Reads_several_messages_from_one_write()
    {
        var stream = Enumerable.Range(0, 50).SelectMany(i => Frame($$"""{"n":{{i}}}""")).ToArray();

        var frames = await ReadAll([stream]);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $$"""{"n":{{i}}}"""), frames.Select(Text));
    }

    [Fact]
    public async Task Header_names_are_case_insensitive_and_other_headers_are_ignored()
    {
        var frames = await ReadAll([
            Bytes("content-length: 2\r\n\r\n{}"),
            Bytes("CONTENT-LENGTH:2\r\nX-Custom: whatever\r\n\r\n[]"),
            Bytes("Content-Type: application/vscode-jsonrpc; charset=utf8\r\ncOnTeNt-LeNgTh:   4 \r\n\r\nnull"),
        ]);

        Assert.Equal(["{}", "[]", "null"], frames.Select(Text));
    }

    [Fact]
    public async Task Reads_a_5_MB_message_through_a_pipe_with_default_back_pressure()
    {
        var payload = new string('x', 5 * 1024 * 1024);
        var json = $$"""{"text":"{{payload}}"}""";

        var frames = await ReadAll([Frame(json), Frame("{}")]);

        Assert.Equal(2, frames.Count);
        Assert.Equal(Encoding.UTF8.GetByteCount(json), frames[0].Content!.Length);
        Assert.Equal(json, Text(frames[0]));
        Assert.Equal("{}", Text(frames[1]));
    }

    [Fact]
    public async Task Content_length_counts_utf8_bytes_not_characters()
    {
        var json = """{"text":"日本語 é 😀"}""";
        Assert.NotEqual(json.Length, Encoding.UTF8.GetByteCount(json));

        var frames = await ReadAll([Frame(json), Frame("""{"next":true}""")]);

        Assert.Equal([json, """{"next":true}"""], frames.Select(Text));
    }

    [Theory]
    [InlineData("hello world\r\n\r\n", "Malformed header line \"hello world\"")]
    [InlineData("X-Other: 1\r\n\r\n", "no Content-Length")]
    [InlineData("Content-Length: abc\r\n\r\n", "\"abc\" is not a non-negative integer")]
    [InlineData("Content-Length: -5\r\n\r\n", "\"-5\" is not a non-negative integer")]
    [InlineData("Content-Length: 12x\r\n\r\n", "\"12x\" is not a non-negative integer")]
    public async Task Reports_garbage_and_resynchronises_on_the_next_content_length(string garbage, string expectedError)
    {
        var frames = await ReadAll([Bytes(garbage), Frame("""{"ok":1}""")]);

        Assert.Contains(expectedError, frames[0].FramingError);
        Assert.Equal("""{"ok":1}""", Text(frames[^1]));
        Assert.All(frames.Skip(1).SkipLast(1), frame => Assert.False(frame.IsMessage));
    }

    [Fact]
    public async Task Finds_a_header_glued_to_preceding_garbage()
    {
        var frames = await ReadAll([Bytes("garbageContent-Length: 2\r\n\r\n{}"), Frame("""{"ok":1}""")]);

        Assert.Equal(["error: A message header has no Content-Length.", "{}", """{"ok":1}"""], frames.Select(Text));
    }

    [Fact]
    public async Task Rejects_a_content_length_above_the_limit_and_skips_its_body()
    {
        var frames = await ReadAll([Bytes("Content-Length: 5000\r\n\r\n" + new string('z', 5000)), Frame("{}")], maxMessageBytes: 1000);

        Assert.Equal(["error: Content-Length 5000 exceeds the limit of 1000 bytes per message.", "{}"], frames.Select(Text));
    }

    [Fact]
    public async Task Rejects_an_absurd_content_length_with_the_default_limit()
    {
        var frames = await ReadAll([Bytes("Content-Length: 99999999999\r\n\r\n"), Frame("{}")]);

        Assert.Contains("exceeds the limit of 67108864 bytes", frames[0].FramingError);
        Assert.Equal("{}", Text(frames[1]));
    }

    [Fact]
    public async Task Reports_an_endless_header_and_resynchronises()
    {
        var frames = await ReadAll([Bytes(new string('h', 20_000)), Frame("{}")]);

        Assert.Contains("longer than 8192 bytes", frames[0].FramingError);
        Assert.Equal("{}", Text(frames[^1]));
    }

    [Fact]
    public async Task Ends_cleanly_when_the_stream_ends_in_garbage()
    {
        var frames = await ReadAll([Frame("{}"), Bytes("no header here\r\n\r\nmore garbage without the magic words")]);

        Assert.Equal(["{}", "error: Malformed header line \"no header here\": expected \"Name: value\"."], frames.Select(Text));
    }

    [Fact]
    public async Task Reports_a_stream_that_ends_inside_a_body()
    {
        var frames = await ReadAll([Bytes("Content-Length: 10\r\n\r\n{\"a\":")]);

        Assert.Equal(["error: The input ended after 5 of the 10 bytes announced by Content-Length."], frames.Select(Text));
    }

    [Fact]
    public async Task Reports_a_stream_that_ends_inside_a_header()
    {
        var frames = await ReadAll([Frame("{}"), Bytes("Content-Len")]);

        Assert.Equal(["{}", "error: The input ended inside a message header: \"Content-Len\"."], frames.Select(Text));
    }

    [Fact]
    public async Task Trailing_line_breaks_at_the_end_of_the_stream_are_not_an_error()
    {
        var frames = await ReadAll([Frame("{}"), Bytes("\r\n")]);

        Assert.Equal(["{}"], frames.Select(Text));
    }

    [Fact]
    public async Task Too_short_content_length_yields_a_truncated_body_then_resynchronises()
    {
        var frames = await ReadAll([Bytes("Content-Length: 5\r\n\r\n{\"a\":1}"), Frame("{}")]);

        Assert.Equal("{\"a\":", Text(frames[0]));
        Assert.Equal("{}", Text(frames[^1]));
    }

    [Fact]
    public async Task Writer_frames_utf8_bytes_and_concurrent_writes_never_interleave()
    {
        var pipe = new Pipe();
        var writer = new MessageWriter(pipe.Writer);
        var messages = Enumerable.Range(0, 200).Select(i => $$"""{"n":{{i}},"text":"{{new string('日', i * 37)}}😀"}""").ToList();

        var readAll = Task.Run(async () =>
        {
            var reader = new MessageReader(pipe.Reader);
            var frames = new List<InboundFrame>();
            while (await reader.ReadAsync() is { } frame) frames.Add(frame);
            return frames;
        });
        await Task.WhenAll(messages.Select(m => Task.Run(() => writer.WriteAsync(Bytes(m)))));
        await writer.CompleteAsync();
        var frames = await readAll.WaitAsync(Timeout);

        Assert.Equal(messages.Order(StringComparer.Ordinal), frames.Select(Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Writer_header_announces_the_byte_count()
    {
        var pipe = new Pipe();
        var writer = new MessageWriter(pipe.Writer);

        await writer.WriteAsync(Bytes("""{"t":"é😀"}"""));
        await writer.CompleteAsync();
        var result = await pipe.Reader.ReadAsync();
        var written = Encoding.UTF8.GetString(result.Buffer.ToArray());

        Assert.Equal("Content-Length: 14\r\n\r\n{\"t\":\"é😀\"}", written);
    }

    [Fact]
    public async Task Writes_after_completion_are_dropped()
    {
        var pipe = new Pipe();
        var writer = new MessageWriter(pipe.Writer);
        await writer.CompleteAsync();

        Assert.False(await writer.WriteAsync(Bytes("{}")));
    }
}
