using System.CommandLine;
using LspGen.Compiler.Write;

namespace LspGen.Cli;

/// <summary>The entry point as a function: parse the arguments, run one command, map failures to exit codes.</summary>
public static class Cli
{
    public static int Run(string[] args, CliContext context)
    {
        var parse = Commands.Build(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) context.Error.WriteLine($"lspgen: error: {error.Message}");
            context.Error.WriteLine("Run 'lspgen --help' for usage.");
            return ExitCodes.UsageOrIo;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e) when (e is UsageException or OutputWriteException or IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"lspgen: error: {e.Message}");
            return ExitCodes.UsageOrIo;
        }
        catch (Exception e)
        {
            context.Error.WriteLine($"lspgen: internal error (a bug in lspgen; please report it with the spec that caused it): {e}");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The text of a file named on the command line, or a <see cref="UsageException"/> saying why it cannot be read.</summary>
    public static string ReadInput(CliContext context, string path)
    {
        var full = context.FullPath(path);
        if (Directory.Exists(full)) throw new UsageException($"'{path}' is a folder; give the path of a spec file (e.g. {Path.Combine(path, "spec.yaml")})");
        if (!File.Exists(full)) throw new UsageException($"cannot read '{path}': no such file");
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{path}': {e.Message}");
        }
    }
}
