using LspGen.LanguageServer.Protocol.Lsp;

namespace LspGen.LanguageServer.Protocol;

/// <summary>Reports a long operation to the client with $/progress begin → report… → end.</summary>
/// <remarks>
/// Uses the token the client sent with the request (workDoneToken) when there is one; otherwise creates
/// one with window/workDoneProgress/create if the client supports it. When neither is possible (or the
/// client refuses to create the token) every call is a no-op, so callers never need to check.
/// Dispose ends the progress if EndAsync was not called, so an exception never leaves a spinner behind.
/// </remarks>
public sealed class WorkDoneProgress : IAsyncDisposable
{
    static long nextToken;

    readonly JsonRpcConnection? connection;
    readonly ProgressToken token;
    bool ended;

    WorkDoneProgress(JsonRpcConnection? connection, ProgressToken token)
    {
        this.connection = connection;
        this.token = token;
    }

    /// <summary>Whether progress reaches the client (false: the reporter does nothing).</summary>
    public bool IsActive => connection is not null && !ended;

    /// <summary>The token in use (meaningless when not active).</summary>
    public ProgressToken Token => token;

    /// <summary>Starts a progress: obtains a token and sends "begin".</summary>
    public static async Task<WorkDoneProgress> BeginAsync(
        JsonRpcConnection connection,
        string title,
        string? message = null,
        ProgressToken? clientToken = null,
        CancellationToken cancellationToken = default)
    {
        ProgressToken token;
        if (clientToken is { } given)
        {
            token = given;
        }
        else if (connection.ClientCapabilities.Window?.WorkDoneProgress == true)
        {
            token = new ProgressToken("lspgen-progress-" + Interlocked.Increment(ref nextToken).ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                await connection.SendRequestAsync("window/workDoneProgress/create", new WorkDoneProgressCreateParams(token), cancellationToken).ConfigureAwait(false);
            }
            catch (JsonRpcException exception)
            {
                // The spec lets the client refuse; the operation itself goes on without progress.
                connection.Log.Write(LogLevel.Info, $"The client refused a progress token: {exception.Message}");
                return new WorkDoneProgress(null, default);
            }
        }
        else
        {
            return new WorkDoneProgress(null, default);
        }

        var progress = new WorkDoneProgress(connection, token);
        await progress.SendAsync(new WorkDoneProgressBegin(title, Cancellable: false, Message: message, Percentage: 0)).ConfigureAwait(false);
        return progress;
    }

    /// <summary>Reports an intermediate state; percentage is 0–100.</summary>
    public Task ReportAsync(string? message, int? percentage = null) =>
        IsActive ? SendAsync(new WorkDoneProgressReport(Message: message, Percentage: percentage is { } p ? Math.Clamp(p, 0, 100) : null)) : Task.CompletedTask;

    /// <summary>Ends the progress; later calls do nothing.</summary>
    public Task EndAsync(string? message = null)
    {
        if (!IsActive) return Task.CompletedTask;
        var end = SendAsync(new WorkDoneProgressEnd(message));
        ended = true;
        return end;
    }

    public async ValueTask DisposeAsync() => await EndAsync().ConfigureAwait(false);

    Task SendAsync<T>(T value) => connection!.SendNotificationAsync("$/progress", new ProgressParams<T>(token, value));
}
