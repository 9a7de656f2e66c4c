using LspGen.Cli;

namespace LspGen.Cli.Tests;

/// <summary>The outcome of one in-process lspgen run.</summary>
public sealed record CliOutcome(int ExitCode, string Out, string Error, byte[] StdoutBytes)
{
    /// <summary>Asserts the exit code, showing stderr when it is not the expected one.</summary>
    public CliOutcome AssertExit(int expected)
    {
        Assert.True(ExitCode == expected, $"expected exit code {expected}, got {ExitCode}; stderr:\n{Error}");
        return this;
    }
}

/// <summary>A temp working folder in which lspgen is run in process, as a user would run it in a shell.</summary>
public sealed class CliSandbox : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("lspgen-cli-").FullName;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string WriteFile(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public CliOutcome Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var stdout = new MemoryStream();
        var code = Cli.Run(args, new CliContext(output, error, () => new NonClosingStream(stdout), Root));
        return new CliOutcome(code, output.ToString(), error.ToString(), stdout.ToArray());
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Lets the command dispose "stdout" while the test still reads what was written.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}

/// <summary>Spec texts the CLI tests use.</summary>
public static class Specs
{
    public const string Valid = """
        spec_version: "1.0"
        project_name: shop
        description: A small shop
        auth: {enabled: true, type: jwt, access_token_expiry_minutes: 30}
        entities:
          - name: Category
            fields:
              - {name: id, type: uuid, primary_key: true}
              - {name: title, type: string, max_length: 80, nullable: false}
          - name: Product
            fields:
              - {name: id, type: uuid, primary_key: true}
              - {name: title, type: string, nullable: false}
              - {name: price, type: float, default: 1.5}
              - {name: stock, type: integer, default: -3}
              - {name: available_from, type: datetime}
              - {name: category_id, type: uuid, references: Category}

        """;

    /// <summary>Line 9 (1-based), column 26: the type <c>int</c> is LSG012.</summary>
    public const string WithTypeError = """
        spec_version: "1.0"
        project_name: shop
        entities:
          - name: Product
            fields:
              - name: id
                type: uuid
                primary_key: true
              - {name: stock, type: int}

        """;

    /// <summary>Valid, but Product has no primary key (a warning).</summary>
    public const string WithWarning = """
        spec_version: "1.0"
        project_name: shop
        entities:
          - name: Product
            fields:
              - {name: title, type: string}

        """;
}
