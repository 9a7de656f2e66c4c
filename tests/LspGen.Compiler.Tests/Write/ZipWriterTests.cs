using System.IO.Compression;
using LspGen.Compiler.Write;

namespace LspGen.Compiler.Tests.Write;

public class ZipWriterTests
{
    private static readonly GeneratedFile[] Files =
    [
        new("app/main.py", "print('main')\n", FileOwner.Generator),
        new("README.md", "# demo ✓\n", FileOwner.Generator),
        new("app/hooks/task.py", "", FileOwner.User),
    ];

    private static byte[] Zip(IReadOnlyList<GeneratedFile> files)
    {
        using var stream = new MemoryStream();
        ZipWriter.Write(stream, "demo", files);
        return stream.ToArray();
    }

    [Fact]
    public void Same_files_give_identical_bytes_whatever_their_order()
    {
        Assert.Equal(Zip(Files), Zip(Files));
        Assert.Equal(Zip(Files), Zip(Files.Reverse().ToArray()));
    }

    [Fact]
    public void Archive_holds_every_file_under_the_project_folder_sorted_with_fixed_metadata()
    {
        using var archive = new ZipArchive(new MemoryStream(Zip(Files)), ZipArchiveMode.Read);

        Assert.Equal(["demo/README.md", "demo/app/hooks/task.py", "demo/app/main.py"], archive.Entries.Select(e => e.FullName));
        foreach (var entry in archive.Entries)
        {
            Assert.Equal(new DateTime(1980, 1, 1, 0, 0, 0), entry.LastWriteTime.DateTime);
            Assert.Equal(0x81A4, entry.ExternalAttributes >>> 16);
        }
        using var reader = new StreamReader(archive.GetEntry("demo/README.md")!.Open());
        Assert.Equal("# demo ✓\n", reader.ReadToEnd());
    }

    [Fact]
    public void Different_content_gives_different_bytes()
    {
        var changed = Files.Select(f => f.Path == "README.md" ? f with { Content = "# other\n" } : f).ToArray();
        Assert.NotEqual(Zip(Files), Zip(changed));
    }

    [Fact]
    public void Unsafe_path_is_refused()
    {
        Assert.Throws<OutputWriteException>(() => Zip([new GeneratedFile("../x.py", "x", FileOwner.Generator)]));
    }
}
