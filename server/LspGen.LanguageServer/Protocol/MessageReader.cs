using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;

namespace LspGen.LanguageServer.Protocol;

/// <summary>One unit read from the input: a message body, or a framing error the reader has recovered from.</summary>
public readonly record struct InboundFrame(byte[]? Content, string? FramingError)
{
    public bool IsMessage => Content is not null;
}

/// <summary>
/// Reads LSP base-protocol frames (<c>Content-Length: N\r\n[Content-Type: …\r\n]\r\n</c> + N bytes) from a pipe.
/// </summary>
/// <remarks>
/// Recovery: a header block without a valid Content-Length (missing, not a non-negative integer, above
/// <see cref="MaxMessageBytes"/>) or an over-long header yields one <see cref="InboundFrame"/> with a
/// FramingError; the reader then skips bytes up to the next "Content-Length:" (case-insensitive) and
/// carries on from there. If the stream ends while skipping, reading ends cleanly. A Content-Length
/// that is too small cannot be detected here (the body just fails to parse as JSON); one that is too
/// large makes the reader wait for bytes that may never come, which is inherent to the framing.
/// The body is copied out chunk by chunk, so large messages do not depend on the pipe's buffer limits.
/// </remarks>
public sealed class MessageReader(PipeReader input, int maxMessageBytes = MessageReader.DefaultMaxMessageBytes)
{
    public const int DefaultMaxMessageBytes = 64 * 1024 * 1024;
    const int MaxHeaderBytes = 8 * 1024;
    static readonly byte[] ContentLengthName = "Content-Length:"u8.ToArray();

    readonly PipeReader input = input;
    byte[]? body;
    int bodyFilled;
    bool skippingGarbage;
    bool ended;

    public int MaxMessageBytes { get; } = maxMessageBytes;

    /// <summary>Returns the next frame, or null at the end of the stream.</summary>
    public async ValueTask<InboundFrame?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (!ended)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var frame = Process(ref buffer, result.IsCompleted, out var examined);
            input.AdvanceTo(buffer.Start, examined);
            if (frame is not null) return frame;
            if (result.IsCompleted && buffer.IsEmpty) ended = true;
        }
        return null;
    }

    // Consumes what it can from buffer (buffer is sliced to what remains) and returns a frame when one
    // is complete. "examined" tells the pipe whether to wait for more data before the next read.
    InboundFrame? Process(ref ReadOnlySequence<byte> buffer, bool completed, out SequencePosition examined)
    {
        while (true)
        {
            examined = buffer.End;
            if (skippingGarbage)
            {
                if (!TrySkipToContentLength(ref buffer))
                {
                    if (completed) { buffer = buffer.Slice(buffer.End); ended = true; }
                    return null;
                }
                skippingGarbage = false;
            }

            if (body is not null)
            {
                var take = (int)Math.Min(buffer.Length, body.Length - bodyFilled);
                buffer.Slice(0, take).CopyTo(body.AsSpan(bodyFilled));
                bodyFilled += take;
                buffer = buffer.Slice(take);
                if (bodyFilled == body.Length)
                {
                    var content = body;
                    body = null;
                    examined = buffer.Start;
                    return new InboundFrame(content, null);
                }
                if (!completed) return null;
                ended = true;
                var partial = FormattableString.Invariant(
                    $"The input ended after {bodyFilled} of the {body.Length} bytes announced by Content-Length.");
                body = null;
                return new InboundFrame(null, partial);
            }

            buffer = SkipLineBreaks(buffer);
            if (buffer.IsEmpty) return null;

            switch (ParseHeader(buffer, out var headerEnd, out var contentLength, out var error))
            {
                case HeaderState.Complete:
                    buffer = buffer.Slice(headerEnd);
                    body = new byte[contentLength];
                    bodyFilled = 0;
                    if (contentLength == 0)
                    {
                        body = null;
                        examined = buffer.Start;
                        return new InboundFrame([], null);
                    }
                    continue;
                case HeaderState.Invalid:
                    // Skip at least one byte so that resynchronisation cannot find the same bad header again.
                    buffer = buffer.Slice(1);
                    skippingGarbage = true;
                    examined = buffer.Start;
                    return new InboundFrame(null, error);
                default:
                    if (buffer.Length > MaxHeaderBytes)
                    {
                        buffer = buffer.Slice(1);
                        skippingGarbage = true;
                        examined = buffer.Start;
                        return new InboundFrame(null, FormattableString.Invariant(
                            $"A message header is longer than {MaxHeaderBytes} bytes without an empty line ending it."));
                    }
                    if (!completed) return null;
                    ended = true;
                    var text = Printable(buffer.Slice(0, Math.Min(buffer.Length, 80)));
                    buffer = buffer.Slice(buffer.End);
                    return new InboundFrame(null, $"The input ended inside a message header: \"{text}\".");
            }
        }
    }

    enum HeaderState { Incomplete, Complete, Invalid }

    HeaderState ParseHeader(ReadOnlySequence<byte> buffer, out SequencePosition headerEnd, out int contentLength, out string? error)
    {
        var reader = new SequenceReader<byte>(buffer);
        long? length = null;
        headerEnd = default;
        contentLength = 0;
        error = null;
        while (reader.TryReadTo(out ReadOnlySequence<byte> lineSequence, (byte)'\n'))
        {
            if (reader.Consumed > MaxHeaderBytes) return HeaderState.Incomplete; // reported by the caller
            var line = lineSequence.ToArray().AsSpan();
            if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
            if (line.IsEmpty)
            {
                if (length is null)
                {
                    error = "A message header has no Content-Length.";
                    return HeaderState.Invalid;
                }
                headerEnd = reader.Position;
                contentLength = (int)length.Value;
                return HeaderState.Complete;
            }
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                error = $"Malformed header line \"{Printable(new ReadOnlySequence<byte>(line.ToArray()))}\": expected \"Name: value\".";
                return HeaderState.Invalid;
            }
            var name = line[..colon].Trim((byte)' ');
            if (!Ascii.EqualsIgnoreCase(name, "Content-Length"u8)) continue; // Content-Type and unknown headers
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            if (!Utf8Parser.TryParse(value, out long parsed, out var used) || used != value.Length || parsed < 0)
            {
                error = $"Content-Length \"{Encoding.UTF8.GetString(value)}\" is not a non-negative integer.";
                return HeaderState.Invalid;
            }
            if (parsed > MaxMessageBytes)
            {
                error = FormattableString.Invariant(
                    $"Content-Length {parsed} exceeds the limit of {MaxMessageBytes} bytes per message.");
                return HeaderState.Invalid;
            }
            length = parsed;
        }
        return HeaderState.Incomplete;
    }

    // Leaves buffer at the next "Content-Length:" and returns true, or drops what cannot be the start
    // of one (keeping a possible partial match at the end) and returns false.
    bool TrySkipToContentLength(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        Span<byte> candidate = stackalloc byte[ContentLengthName.Length];
        while (reader.TryAdvanceToAny("Cc"u8, advancePastDelimiter: false))
        {
            if (!reader.TryCopyTo(candidate))
            {
                buffer = buffer.Slice(reader.Position);
                return false;
            }
            if (Ascii.EqualsIgnoreCase(candidate, ContentLengthName))
            {
                buffer = buffer.Slice(reader.Position);
                return true;
            }
            reader.Advance(1);
        }
        buffer = buffer.Slice(buffer.End);
        return false;
    }

    static ReadOnlySequence<byte> SkipLineBreaks(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        reader.AdvancePastAny((byte)'\r', (byte)'\n');
        return buffer.Slice(reader.Position);
    }

    static string Printable(ReadOnlySequence<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.Length > 80 ? bytes.Slice(0, 80) : bytes);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsControl(c) ? '?' : c);
        return builder.ToString();
    }
}
