using System.Text;
using System.Text.Json;

namespace LspGen.LanguageServer.Tests.Server;

/// <summary>
/// Bad input never kills the server: thousands of random edits (insertions, deletions, random
/// characters, huge lines, YAML alias bombs, 10,000-deep nesting) go through didChange, and requests
/// sent in between must all be answered; the analysis of the last version must still be published,
/// and the managed heap must stay bounded. Fixed seeds, so a failure reproduces.
/// </summary>
public class FuzzTests
{
    const int EditsPerSeed = 1500;
    const int RequestEvery = 25;
    const long HeapGrowthBound = 150L * 1024 * 1024;

    static readonly string[] Fragments =
    [
        ":", ": ", "- ", "  ", "\n", "\n  - ", "{", "}", "[", "]", ",", "'", "\"", "#", "&a ", "*a", "? ", "|\n", ">-\n",
        "name: Project", "type: int", "type: ", "references: Task", "primary_key: true", "fields:\n", "entities:\n",
        "spec_version: \"1.0\"\n", "\t", "\r\n", "\r", "\0", "\uFEFF", "😀", "\uD800", "é", "null", "~", "!!str ", "%YAML 1.2\n", "---\n", "...\n",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Random_edits_never_stop_the_server_from_answering(int seed)
    {
        var random = new Random(seed);
        var uri = LspSession.Uri($"fuzz-{seed}.spec.yaml");
        await using var session = new LspSession();
        await session.InitializeAsync("""{"general":{"positionEncodings":["utf-8","utf-16"]}}""");
        await session.OpenAsync(uri, Specs.Valid);
        await session.DiagnosticsAsync(uri, 1);
        var baseline = Heap();

        var text = Specs.Valid;
        var version = 1;
        for (var edit = 0; edit < EditsPerSeed; edit++)
        {
            version++;
            var change = RandomChange(random, ref text);
            await session.ChangeAsync(uri, version, change);
            if (edit % RequestEvery == 0)
            {
                var (line, character) = (random.Next(-2, 60), random.Next(-2, 200));
                var completion = await session.RequestAsync("textDocument/completion", LspSession.At(uri, line, character));
                Assert.True(completion.TryGetProperty("result", out _), $"seed {seed}, edit {edit}: completion failed: {completion}");
                var hover = await session.RequestAsync("textDocument/hover", LspSession.At(uri, line, character));
                Assert.True(hover.TryGetProperty("result", out _), $"seed {seed}, edit {edit}: hover failed: {hover}");
                var symbols = await session.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri } });
                Assert.True(symbols.TryGetProperty("result", out _), $"seed {seed}, edit {edit}: symbols failed: {symbols}");
            }
        }

        // The server is still analysing and publishing: the last version's diagnostics arrive.
        await session.ChangeAsync(uri, ++version, LspSession.Whole(Specs.InvalidType));
        Assert.Equal(["LSG012"], LspSession.Codes(await session.DiagnosticsAsync(uri, version)));
        Assert.DoesNotContain(session.Log.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));

        var growth = Heap() - baseline;
        Assert.True(growth < HeapGrowthBound, $"the heap grew by {growth / (1024 * 1024)} MB over the fuzz run");
        Assert.Equal(0, await session.ShutdownAsync());
    }

    static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    // One change, applied to the client's copy of the text too (UTF-16 positions on '\n' lines; the
    // server may count lines differently after a random '\r', which is fine: it clamps).
    static object RandomChange(Random random, ref string text)
    {
        switch (random.Next(100))
        {
            case < 40:
                return Splice(random, ref text, 0, Fragments[random.Next(Fragments.Length)]);
            case < 60:
                return Splice(random, ref text, random.Next(0, 40), "");
            case < 75:
                return Splice(random, ref text, random.Next(0, 5), RandomChars(random, random.Next(1, 30)));
            case < 80:
                return Splice(random, ref text, 0, new string('x', random.Next(10_000, 200_000)));
            case < 83:
                text = AliasBomb();
                return LspSession.Whole(text);
            case < 86:
                text = random.Next(2) == 0 ? DeepFlowNesting(10_000) : DeepBlockNesting(10_000);
                return LspSession.Whole(text);
            case < 90:
                // Ranges outside the document, reversed or negative: the server must clamp.
                return LspSession.Replace(random.Next(-5, 500), random.Next(-5, 500), random.Next(-5, 500), random.Next(-5, 500), Fragments[random.Next(Fragments.Length)]);
            case < 94:
                text = Specs.Valid;
                return LspSession.Whole(text);
            default:
                text = text.Length > 400_000 ? Specs.Valid : text;
                return LspSession.Whole(text);
        }
    }

    static object Splice(Random random, ref string text, int deleteLength, string insert)
    {
        var start = random.Next(0, text.Length + 1);
        var end = Math.Min(text.Length, start + deleteLength);
        var (startLine, startCharacter) = PositionOf(text, start);
        var (endLine, endCharacter) = PositionOf(text, end);
        text = string.Concat(text.AsSpan(0, start), insert, text.AsSpan(end));
        return LspSession.Replace(startLine, startCharacter, endLine, endCharacter, insert);
    }

    static (int Line, int Character) PositionOf(string text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart);
    }

    static string RandomChars(Random random, int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++) builder.Append((char)random.Next(0, 0x10000)); // includes lone surrogates and controls
        return builder.ToString();
    }

    static string AliasBomb()
    {
        var builder = new StringBuilder("spec_version: \"1.0\"\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 12; i++)
            builder.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n"));
        builder.Append("entities: *a11\n");
        return builder.ToString();
    }

    static string DeepFlowNesting(int depth) =>
        "spec_version: \"1.0\"\nentities: " + new string('[', depth) + new string(']', depth) + "\n";

    // "- - - - … x": one line, `depth` nested block sequences.
    static string DeepBlockNesting(int depth) =>
        "spec_version: \"1.0\"\nentities:\n" + string.Concat(Enumerable.Repeat("- ", depth)) + "x\n";

    [Fact]
    public async Task A_five_megabyte_document_is_analysed_and_answered()
    {
        var uri = LspSession.Uri("big.spec.yaml");
        await using var session = new LspSession();
        await session.InitializeAsync();
        var text = Specs.Valid + "\n" + string.Concat(Enumerable.Repeat("# " + new string('c', 98) + "\n", 50_000));

        await session.OpenAsync(uri, text);

        await session.DiagnosticsAsync(uri, 1);
        var completion = await session.ResultAsync("textDocument/completion", LspSession.At(uri, 9, 14));
        Assert.Equal(JsonValueKind.Object, completion.ValueKind);
    }
}
