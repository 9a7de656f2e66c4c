using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace LspGen.Compiler.Write;

/// <summary>
/// Packs the generated files into a zip whose bytes depend only on the files: entries sorted by path
/// under one folder named after the project, a fixed timestamp (1980-01-01 00:00, the zip epoch),
/// fixed permissions (0644), no extra fields. Written by hand because ZipArchive stamps the host OS
/// and real times into the archive.
/// </summary>
public static class ZipWriter
{
    private const ushort VersionNeeded = 20;              // 2.0: deflate
    private const ushort VersionMadeBy = (3 << 8) | 20;   // Unix, so the permissions below are honoured
    private const ushort Utf8Names = 1 << 11;
    private const ushort Deflate = 8;
    private const ushort DosTime = 0;                     // 00:00:00
    private const ushort DosDate = (0 << 9) | (1 << 5) | 1; // 1980-01-01
    private const uint RegularFile0644 = 0x81A4u << 16;   // S_IFREG | 0644 in the high word

    /// <summary>Writes the zip to <paramref name="output"/> (which may be stdout: it is written front to back).</summary>
    public static void Write(Stream output, string projectFolder, IReadOnlyList<GeneratedFile> files)
    {
        if (OutputPath.SyntaxProblem(projectFolder) is not null || projectFolder.Contains('/'))
            throw new OutputWriteException($"invalid zip folder name '{projectFolder}'");
        var entries = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        if (entries.Count > ushort.MaxValue) throw new OutputWriteException("too many files for a zip without zip64");

        using var zip = new MemoryStream();
        var central = new MemoryStream();
        foreach (var file in entries)
        {
            if (OutputPath.SyntaxProblem(file.Path) is { } problem)
                throw new OutputWriteException($"unsafe output path '{file.Path}': {problem}; nothing was written");
            var name = Encoding.UTF8.GetBytes(projectFolder + "/" + file.Path);
            var data = Manifest.Encode(file.Content);
            var compressed = Compress(data);
            var crc = Crc32(data);
            var offset = checked((uint)zip.Position);

            WriteU32(zip, 0x04034b50);
            WriteU16(zip, VersionNeeded);
            WriteU16(zip, Utf8Names);
            WriteU16(zip, Deflate);
            WriteU16(zip, DosTime);
            WriteU16(zip, DosDate);
            WriteU32(zip, crc);
            WriteU32(zip, checked((uint)compressed.Length));
            WriteU32(zip, checked((uint)data.Length));
            WriteU16(zip, checked((ushort)name.Length));
            WriteU16(zip, 0);
            zip.Write(name);
            zip.Write(compressed);

            WriteU32(central, 0x02014b50);
            WriteU16(central, VersionMadeBy);
            WriteU16(central, VersionNeeded);
            WriteU16(central, Utf8Names);
            WriteU16(central, Deflate);
            WriteU16(central, DosTime);
            WriteU16(central, DosDate);
            WriteU32(central, crc);
            WriteU32(central, checked((uint)compressed.Length));
            WriteU32(central, checked((uint)data.Length));
            WriteU16(central, checked((ushort)name.Length));
            WriteU16(central, 0); // extra field length
            WriteU16(central, 0); // comment length
            WriteU16(central, 0); // disk number
            WriteU16(central, 0); // internal attributes
            WriteU32(central, RegularFile0644);
            WriteU32(central, offset);
            central.Write(name);
        }

        var centralOffset = checked((uint)zip.Position);
        central.Position = 0;
        central.CopyTo(zip);
        WriteU32(zip, 0x06054b50);
        WriteU16(zip, 0);
        WriteU16(zip, 0);
        WriteU16(zip, (ushort)entries.Count);
        WriteU16(zip, (ushort)entries.Count);
        WriteU32(zip, checked((uint)central.Length));
        WriteU32(zip, centralOffset);
        WriteU16(zip, 0);

        zip.Position = 0;
        zip.CopyTo(output);
        output.Flush();
    }

    private static byte[] Compress(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            deflate.Write(data);
        return buffer.ToArray();
    }

    private static void WriteU16(Stream s, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        s.Write(b);
    }

    private static void WriteU32(Stream s, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        s.Write(b);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }
}
