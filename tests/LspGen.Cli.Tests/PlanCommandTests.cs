namespace LspGen.Cli.Tests;

/// <summary><c>lspgen plan</c> after a first <c>generate</c> (which records the schema snapshot) and an edit of the spec.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    private void Generated()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        _cli.Run("generate", "spec.yaml").AssertExit(0);
        Assert.True(File.Exists(_cli.PathOf("shop/.lspgen-schema.json")));
    }

    private CliOutcome PlanOf(string spec)
    {
        _cli.WriteFile("spec.yaml", spec);
        return _cli.Run("plan", "spec.yaml");
    }

    [Fact]
    public void Without_a_snapshot_the_next_generate_writes_the_initial_migration()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        var run = _cli.Run("plan", "spec.yaml").AssertExit(0);
        Assert.Contains("the next 'lspgen generate' writes the initial migration, which creates 3 tables", run.Out);
        Assert.False(Directory.Exists(_cli.PathOf("shop")));
    }

    [Fact]
    public void The_spec_as_generated_has_no_changes()
    {
        Generated();
        var run = _cli.Run("plan", "spec.yaml").AssertExit(0);
        Assert.Equal("No changes. The database schema matches the spec.\n", run.Out);
    }

    [Fact]
    public void An_added_field_is_a_safe_plan_and_writes_nothing()
    {
        Generated();
        var before = Directory.GetFiles(_cli.PathOf("shop"), "*", SearchOption.AllDirectories).Length;
        var run = PlanOf(Specs.Valid.Replace("      - {name: available_from, type: datetime}\n",
            "      - {name: available_from, type: datetime}\n      - {name: colour, type: string}\n", StringComparison.Ordinal)).AssertExit(0);
        Assert.Equal("+ add column products.colour\n\nPlan: 1 to add, 0 to change, 0 to destroy.\n", run.Out);
        Assert.Equal(before, Directory.GetFiles(_cli.PathOf("shop"), "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void A_removed_field_is_destructive_exit_4()
    {
        Generated();
        var run = PlanOf(Specs.Valid.Replace("      - {name: available_from, type: datetime}\n", "", StringComparison.Ordinal)).AssertExit(4);
        Assert.Contains("products.available_from", run.Out);
        Assert.Contains("Plan: 0 to add, 0 to change, 1 to destroy.", run.Out);
        Assert.Contains("drops or narrows data", run.Error);
    }

    [Fact]
    public void A_required_field_without_default_is_unsafe_exit_1_with_a_diagnostic_on_its_line()
    {
        Generated();
        var run = PlanOf(Specs.Valid.Replace("      - {name: available_from, type: datetime}\n",
            "      - {name: available_from, type: datetime}\n      - {name: sku, type: string, nullable: false}\n", StringComparison.Ordinal)).AssertExit(1);
        Assert.Contains("spec.yaml:17:16: error LSG032: ", run.Error);
        Assert.Contains("cannot run against existing rows", run.Error);
    }

    [Fact]
    public void A_possible_rename_is_a_hint_and_renamed_from_makes_it_a_rename()
    {
        Generated();
        var renamed = Specs.Valid.Replace("{name: available_from, type: datetime}", "{name: available_at, type: datetime}", StringComparison.Ordinal);
        var run = PlanOf(renamed).AssertExit(4);
        Assert.Contains("hint LSG033: 'available_at' is added and 'available_from' is dropped", run.Error);

        var declared = PlanOf(renamed.Replace("{name: available_at, type: datetime}", "{name: available_at, type: datetime, renamed_from: available_from}", StringComparison.Ordinal)).AssertExit(0);
        Assert.Contains("Plan: 0 to add, 1 to change, 0 to destroy.", declared.Out);
    }

    [Fact]
    public void Spec_errors_exit_1_without_a_plan()
    {
        var run = PlanOf(Specs.WithTypeError).AssertExit(1);
        Assert.Contains("error LSG012", run.Error);
        Assert.Contains("no plan", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void A_snapshot_edited_by_hand_is_refused_with_exit_2()
    {
        Generated();
        File.AppendAllText(_cli.PathOf("shop/.lspgen-schema.json"), " ");
        var run = _cli.Run("plan", "spec.yaml").AssertExit(2);
        Assert.Contains("edited since lspgen wrote it", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Out_names_the_project_folder()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        _cli.Run("generate", "spec.yaml", "--out", "backend").AssertExit(0);
        Assert.Equal("No changes. The database schema matches the spec.\n", _cli.Run("plan", "spec.yaml", "--out", "backend").AssertExit(0).Out);
        Assert.Contains("no schema snapshot", _cli.Run("plan", "spec.yaml").AssertExit(0).Out);
    }

    [Fact]
    public void Help_lists_plan()
    {
        Assert.Contains("plan", _cli.Run("--help").AssertExit(0).Out);
        Assert.Contains("--out", _cli.Run("plan", "--help").AssertExit(0).Out);
    }
}
