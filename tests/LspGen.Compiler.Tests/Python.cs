using System.Diagnostics;

namespace LspGen.Compiler.Tests;

/// <summary>Runs a Python 3 script (python3 on PATH) to check generated code with Python's own parser.</summary>
internal static class Python
{
    /// <summary>Runs <paramref name="script"/> with arguments; returns stdout, fails the test on a non-zero exit.</summary>
    public static string Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-");
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 is required by these tests (it checks generated code with Python's parser) but was not found on PATH.", e);
        }
        using (process)
        {
            process.StandardInput.Write(script);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"python3 failed (exit {process.ExitCode}):\n{stderr}\n{stdout.Result}");
            return stdout.Result;
        }
    }
}
