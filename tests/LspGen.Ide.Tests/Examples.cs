namespace LspGen.Ide.Tests;

/// <summary>The example specs of the repository (examples/*.spec.yaml), found from the test binary upwards.</summary>
public static class Examples
{
    public static string Directory { get; } = Find();

    public static string Path(string name) => System.IO.Path.Combine(Directory, name);

    public static IReadOnlyList<string> All() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.spec.yaml").Order(StringComparer.Ordinal)];

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "examples");
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "LspGen.sln")) && System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("examples/ not found above " + AppContext.BaseDirectory);
    }
}
