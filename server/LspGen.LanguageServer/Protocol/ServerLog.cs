using System.Globalization;
using LspGen.LanguageServer.Protocol.Lsp;

namespace LspGen.LanguageServer.Protocol;

/// <summary>Log levels; the values match LSP's MessageType so a level maps directly onto window/logMessage.</summary>
public enum LogLevel
{
    Error = 1,
    Warning = 2,
    Info = 3,
    Debug = 4,
}

/// <summary>Where the server writes its own log. Never stdout: stdout carries protocol frames only.</summary>
public interface IServerLog
{
    void Write(LogLevel level, string message);
}

/// <summary>Writes log lines to a text writer (stderr by default), from the given level up.</summary>
public sealed class TextWriterLog(TextWriter? writer = null, LogLevel minimum = LogLevel.Info) : IServerLog
{
    readonly TextWriter writer = writer ?? Console.Error;
    readonly Lock gate = new();

    public void Write(LogLevel level, string message)
    {
        if (level > minimum) return;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{DateTime.UtcNow:HH:mm:ss.fff} {level.ToString().ToLowerInvariant()}] {message}");
        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}

/// <summary>Sends log lines to the client as window/logMessage (from the given level up), without waiting.</summary>
public sealed class ClientLog(JsonRpcConnection connection, LogLevel minimum = LogLevel.Info) : IServerLog
{
    public void Write(LogLevel level, string message)
    {
        if (level > minimum) return;
        // Fire and forget: logging must never block or fail the caller; the connection logs write failures itself.
        _ = connection.SendNotificationAsync("window/logMessage", new LogMessageParams((MessageType)level, message));
    }
}

/// <summary>Discards everything.</summary>
public sealed class NullLog : IServerLog
{
    public static readonly NullLog Instance = new();
    public void Write(LogLevel level, string message) { }
}
