using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using LspGen.Spec;

namespace LspGen.Cli;

/// <summary><c>lspgen init [dir]</c>: write a commented starter spec.yaml, never over an existing one.</summary>
public static partial class InitCommand
{
    private const string FileName = "spec.yaml";
    private const string StarterProjectName = "my_app";

    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("dir")
        {
            Description = "Folder to create spec.yaml in (default: the current folder; created if missing).",
            DefaultValueFactory = _ => ".",
        };
        var command = new Command("init", "Write a commented starter spec.yaml to edit.") { folder };
        command.SetAction(parse => Run(context, parse.GetRequiredValue(folder)));
        return command;
    }

    /// <summary>The starter spec, with project_name taken from the folder's name when that makes a valid spec.</summary>
    public static string StarterSpec(string folderName)
    {
        var text = ReadTemplate();
        var candidate = Naming.ToSnakeCase(folderName);
        if (!ProjectName().IsMatch(candidate)) return text;
        var renamed = text.Replace($"project_name: {StarterProjectName}", $"project_name: {candidate}", StringComparison.Ordinal);
        // The validator has the last word (keywords, reserved names): keep the safe default if it objects.
        return SpecAnalyzer.Analyze(renamed).HasErrors ? text : renamed;
    }

    private static int Run(CliContext context, string dir)
    {
        var full = context.FullPath(dir);
        var target = Path.Combine(full, FileName);
        if (File.Exists(target) || Directory.Exists(target))
            throw new UsageException($"'{Path.Combine(dir, FileName)}' already exists; it was not overwritten (delete or rename it to start over)");
        Directory.CreateDirectory(full);
        using (var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
            writer.Write(StarterSpec(new DirectoryInfo(full).Name));
        var shown = Path.Combine(dir, FileName);
        context.Out.WriteLine($"Created {shown}. Next: edit it, then run 'lspgen generate {shown}'.");
        return ExitCodes.Ok;
    }

    private static string ReadTemplate()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("LspGen.Cli.StarterSpec.yaml")
            ?? throw new InvalidOperationException("the starter spec is not embedded in lspgen");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectName();
}
