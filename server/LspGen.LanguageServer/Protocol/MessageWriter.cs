using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace LspGen.LanguageServer.Protocol;

/// <summary>Writes framed UTF-8 JSON messages to a pipe; concurrent writers never interleave.</summary>
public sealed class MessageWriter(PipeWriter output)
{
    readonly PipeWriter output = output;
    readonly SemaphoreSlim gate = new(1, 1);
    bool completed;

    /// <summary>Writes one message whose body is the given UTF-8 JSON. Returns false if the writer is already completed.</summary>
    public async Task<bool> WriteAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken = default)
    {
        var header = Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"Content-Length: {json.Length}\r\n\r\n"));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (completed) return false;
            // Header and body go out in one flush so a reader never sees a header without its body.
            output.Write(header);
            output.Write(json.Span);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Waits for writes in progress, then completes the pipe; later writes are dropped.</summary>
    public async Task CompleteAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (completed) return;
            completed = true;
            await output.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
