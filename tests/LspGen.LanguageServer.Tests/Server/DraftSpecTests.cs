using LspGen.Drafting;
using LspGen.Drafting.Tests;

namespace LspGen.LanguageServer.Tests.Server;

// lspgen.draftSpec: the drafter behind workspace/executeCommand, against a scripted endpoint on 127.0.0.1.
public sealed class DraftSpecTests : IDisposable
{
    const string Valid = """{"spec_version":"1.0","project_name":"library","entities":[{"name":"Book","fields":[{"name":"id","type":"uuid","primary_key":true}]}]}""";
    const string Invalid = """{"spec_version":"1.0","project_name":"library","entities":[{"name":"Book","fields":[{"name":"id","type":"guid","primary_key":true}]}]}""";

    readonly string workspace = Directory.CreateTempSubdirectory("lspgen-lsp-draft-").FullName;

    public void Dispose() => Directory.Delete(workspace, recursive: true);

    static async Task<LspSession> StartAsync()
    {
        var session = new LspSession();
        await session.InitializeAsync();
        return session;
    }

    static object Endpoint(StubEndpoint stub) => new { baseUrl = stub.BaseUrl, model = "stub", timeoutSeconds = 20 };

    [Fact]
    public async Task A_draft_is_written_to_the_target_and_its_uri_returned()
    {
        using var stub = new StubEndpoint(StubReply.Answer(Valid));
        await using var session = await StartAsync();
        var target = Path.Combine(workspace, "spec.yaml");

        var result = await session.ResultAsync("workspace/executeCommand",
            new { command = "lspgen.draftSpec", arguments = new object[] { "a library", new Uri(target).AbsoluteUri, Endpoint(stub) } });

        Assert.Equal(new Uri(target).AbsoluteUri, result.GetProperty("uri").GetString());
        Assert.Equal(1, result.GetProperty("attempts").GetInt32());
        Assert.StartsWith(DraftedSpec.ReviewHeader, File.ReadAllText(target));
        Assert.Equal("stub", Assert.Single(stub.Requests).Body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Without_a_target_the_yaml_is_returned_and_nothing_written()
    {
        using var stub = new StubEndpoint(StubReply.Answer(Valid));
        await using var session = await StartAsync();

        var result = await session.ResultAsync("workspace/executeCommand",
            new { command = "lspgen.draftSpec", arguments = new object?[] { "a library", null, Endpoint(stub) } });

        Assert.StartsWith(DraftedSpec.ReviewHeader, result.GetProperty("yaml").GetString());
        Assert.False(result.TryGetProperty("uri", out _));
        Assert.Empty(Directory.GetFileSystemEntries(workspace));
    }

    [Fact]
    public async Task An_existing_target_is_never_overwritten_and_the_model_not_asked()
    {
        using var stub = new StubEndpoint(StubReply.Answer(Valid));
        await using var session = await StartAsync();
        var target = Path.Combine(workspace, "spec.yaml");
        File.WriteAllText(target, "# mine\n");

        var response = await session.RequestAsync("workspace/executeCommand",
            new { command = "lspgen.draftSpec", arguments = new object[] { "a library", new Uri(target).AbsoluteUri, Endpoint(stub) } });

        Assert.Contains("already exists", response.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("# mine\n", File.ReadAllText(target));
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task A_draft_that_stays_invalid_is_an_error_listing_the_diagnostics()
    {
        using var stub = new StubEndpoint(StubReply.Answer(Invalid), StubReply.Answer(Invalid), StubReply.Answer(Invalid));
        await using var session = await StartAsync();
        var target = Path.Combine(workspace, "spec.yaml");

        var response = await session.RequestAsync("workspace/executeCommand",
            new { command = "lspgen.draftSpec", arguments = new object[] { "a library", new Uri(target).AbsoluteUri, Endpoint(stub) } });

        var message = response.GetProperty("error").GetProperty("message").GetString()!;
        // Three schema errors (the unknown type fails the type enum and the branches that depend on it) and LSG012.
        Assert.StartsWith("LspGen did not draft the spec: the drafted spec still has 4 errors after 3 answers; nothing was written\n", message);
        Assert.Contains("\n  schema /entities/0/fields/0/type: ", message);
        Assert.EndsWith("\n  line 10, column 19: error LSG012: Unknown field type 'guid'. Did you mean 'uuid'? Allowed types: string, integer, float, boolean, datetime, uuid, text", message);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task No_description_is_invalid_params()
    {
        await using var session = await StartAsync();
        var response = await session.RequestAsync("workspace/executeCommand", new { command = "lspgen.draftSpec", arguments = new object[] { " " } });
        Assert.Equal(-32602, response.GetProperty("error").GetProperty("code").GetInt32());
    }
}
