using System.Globalization;
using System.Text;

namespace LspGen.Bench.Compile;

/// <summary>A deterministic spec of N entities × 10 fields (all types, options, references to earlier entities).</summary>
public static class BenchSpec
{
    private static readonly string[] FieldLines =
    [
        "{name: title, type: string, max_length: 120, nullable: false}",
        "{name: code, type: string, max_length: 40, unique: true}",
        "{name: quantity, type: integer, default: 0}",
        "{name: unit_price, type: float, default: 1.5}",
        "{name: active, type: boolean, default: true}",
        "{name: starts_at, type: datetime, index: true}",
        "{name: notes, type: text}",
        "{name: external_ref, type: uuid}",
    ];

    public static string Text(int entities)
    {
        var s = new StringBuilder();
        s.Append("spec_version: \"1.0\"\nproject_name: bench\ndescription: Benchmark spec\n");
        s.Append("auth: {enabled: true, type: jwt, access_token_expiry_minutes: 30}\nentities:\n");
        for (var i = 0; i < entities; i++)
        {
            s.Append(CultureInfo.InvariantCulture, $"  - name: Entity{Letters(i)}\n    fields:\n");
            s.Append("      - {name: id, type: uuid, primary_key: true}\n");
            foreach (var line in FieldLines) s.Append("      - ").Append(line).Append('\n');
            // the 10th field: a reference to the previous entity (the first one gets a plain integer)
            s.Append(i == 0
                ? "      - {name: rank, type: integer}\n"
                : $"      - {{name: entity_{Letters(i - 1).ToLowerInvariant()}_id, type: uuid, references: Entity{Letters(i - 1)}}}\n");
        }
        return s.ToString();
    }

    // Entity names must be PascalCase words; letters keep them free of digits ("EntityAb", "EntityAc", …).
    private static string Letters(int n)
    {
        var a = (char)('A' + n / 26 % 26);
        var b = (char)('a' + n % 26);
        return string.Concat(a, b, n >= 676 ? ((char)('a' + n / 676)).ToString() : "");
    }
}
