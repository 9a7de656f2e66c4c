using LspGen.Compiler.Write;

namespace LspGen.Compiler.Tests.Write;

public class IgnoreRulesTests
{
    private static bool Ignored(string rules, string path) => IgnoreRules.Parse(rules, ".lspgenignore").IsIgnored(path);

    [Theory]
    [InlineData("README.md", "README.md", true)]
    [InlineData("README.md", "docs/README.md", true)]          // no '/': a name at any depth
    [InlineData("/README.md", "docs/README.md", false)]        // leading '/': anchored
    [InlineData("*.md", "a/b/c.md", true)]
    [InlineData("*.md", "a/b/c.py", false)]
    [InlineData("app/*.py", "app/main.py", true)]
    [InlineData("app/*.py", "app/routers/task.py", false)]     // '*' does not cross '/'
    [InlineData("app/**/*.py", "app/routers/task.py", true)]
    [InlineData("app/**/*.py", "app/main.py", true)]           // '**/' matches zero folders too
    [InlineData("**/test_*.py", "tests/test_task.py", true)]
    [InlineData("test_?.py", "tests/test_a.py", true)]
    [InlineData("test_?.py", "tests/test_ab.py", false)]
    [InlineData("alembic/", "alembic/env.py", true)]
    [InlineData("alembic/", "alembic", false)]                 // trailing '/': folders only
    [InlineData("routers", "app/routers/task.py", true)]       // a matching folder ignores its content
    [InlineData("app/r*", "app/routers/task.py", true)]
    [InlineData("# README.md", "README.md", false)]
    [InlineData("a+b(c).py", "a+b(c).py", true)]               // regex characters are literal
    public void Glob_matching(string rules, string path, bool expected) => Assert.Equal(expected, Ignored(rules, path));

    [Fact]
    public void Blank_lines_comments_and_crlf_are_fine()
    {
        var rules = IgnoreRules.Parse("# header\r\n\r\n*.md  \r\n", "x");
        Assert.True(rules.IsIgnored("a.md"));
        Assert.False(rules.IsIgnored("a.py"));
    }

    [Fact]
    public void Negation_is_rejected_with_the_line_number()
    {
        var error = Assert.Throws<OutputWriteException>(() => IgnoreRules.Parse("*.md\n!README.md\n", ".lspgenignore"));
        Assert.StartsWith(".lspgenignore:2:", error.Message);
    }
}
