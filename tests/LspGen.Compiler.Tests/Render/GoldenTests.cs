using static LspGen.Compiler.Tests.Specs;

namespace LspGen.Compiler.Tests.Render;

/// <summary>
/// The generated task manager, compared file by file with reviewed copies under Golden/task_manager.
/// After an intended change, run with LSPGEN_UPDATE_GOLDEN=1 to rewrite them, then review the diff.
/// </summary>
public class GoldenTests
{
    [Fact]
    public void Task_manager_matches_the_golden_files()
    {
        var golden = Path.Combine(SourceDirectory(), "Golden", "task_manager");
        var files = BackendCompiler.Compile(TaskManager());

        if (Environment.GetEnvironmentVariable("LSPGEN_UPDATE_GOLDEN") == "1")
        {
            if (Directory.Exists(golden)) Directory.Delete(golden, recursive: true);
            foreach (var f in files)
            {
                var path = Path.Combine(golden, f.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, f.Content);
            }
        }

        Assert.True(Directory.Exists(golden), $"{golden} is missing; run the tests once with LSPGEN_UPDATE_GOLDEN=1.");
        var onDisk = Directory.EnumerateFiles(golden, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(golden, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(files.Select(f => f.Path), onDisk);
        foreach (var f in files)
        {
            var expected = File.ReadAllText(Path.Combine(golden, f.Path)).Replace("\r\n", "\n", StringComparison.Ordinal);
            Assert.True(expected == f.Content, $"{f.Path} differs from Golden/task_manager/{f.Path} (LSPGEN_UPDATE_GOLDEN=1 rewrites the golden files).");
        }
    }

    // The test project folder, found from the build output (bin/<config>/<tfm>/) upwards.
    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LspGen.Compiler.Tests.csproj"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the LspGen.Compiler.Tests folder above " + AppContext.BaseDirectory);
    }
}
