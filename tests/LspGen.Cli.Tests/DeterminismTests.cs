using System.Globalization;

namespace LspGen.Cli.Tests;

public sealed class DeterminismTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    private SortedDictionary<string, byte[]> Tree(string folder)
    {
        var root = _cli.PathOf(folder);
        return new SortedDictionary<string, byte[]>(
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes),
            StringComparer.Ordinal);
    }

    private static void AssertSameTree(SortedDictionary<string, byte[]> a, SortedDictionary<string, byte[]> b)
    {
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (path, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[path]), $"{path} differs");
    }

    [Fact]
    public void Same_spec_twice_gives_byte_identical_trees()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        _cli.Run("generate", "spec.yaml", "--out", "one").AssertExit(0);
        _cli.Run("generate", "spec.yaml", "--out", "two").AssertExit(0);

        AssertSameTree(Tree("one"), Tree("two"));
    }

    [Fact]
    public void Output_has_lf_line_endings_only()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        _cli.Run("generate", "spec.yaml", "--out", "one");

        Assert.All(Tree("one"), file => Assert.DoesNotContain((byte)'\r', file.Value));
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        _cli.Run("generate", "spec.yaml", "--out", "invariant").AssertExit(0);

        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            // The process runs with invariant globalization, so named cultures are unavailable; a
            // culture that formats numbers and dates the way de-DE or fr-FR do exercises the same code.
            var odd = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            odd.NumberFormat.NumberDecimalSeparator = ",";
            odd.NumberFormat.NumberGroupSeparator = ".";
            odd.NumberFormat.NegativeSign = "\u2212";
            odd.DateTimeFormat.DateSeparator = ".";
            odd.DateTimeFormat.ShortDatePattern = "dd.MM.yyyy";
            CultureInfo.CurrentCulture = odd;
            CultureInfo.CurrentUICulture = odd;
            Assert.Equal("1,5", 1.5.ToString());   // the culture is really in effect
            _cli.Run("generate", "spec.yaml", "--out", "odd").AssertExit(0);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }

        AssertSameTree(Tree("invariant"), Tree("odd"));
    }
}
