using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LspGen.Drafting.Tests;

/// <summary>
/// A YAML file as the JSON the schema sees, read the way tests/schema reads it for ajv (the npm `yaml`
/// package, YAML 1.2 core schema, aliases resolved): a plain scalar is null, a boolean, an integer
/// (decimal, 0o, 0x) or a float by the core schema's patterns, every other scalar is a string. So
/// `1.0` is the number 1 and `0x1F` is 31, as the corpus README says. Tags are refused: no corpus file has one.
/// </summary>
public static partial class YamlToJson
{
    public static JsonDocument Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count > 1) throw new InvalidDataException("more than one YAML document");
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (stream.Documents.Count == 0) json.WriteNullValue();
            else Write(json, stream.Documents[0].RootNode);
        }
        return JsonDocument.Parse(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, YamlNode node)
    {
        if (!node.Tag.IsEmpty && node.Tag.Value is not ("?" or "!")) throw new InvalidDataException($"tag {node.Tag} at {node.Start}");
        switch (node)
        {
            case YamlMappingNode mapping:
                json.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    json.WritePropertyName(key is YamlScalarNode { Value: { } name } ? name : throw new InvalidDataException($"a non-scalar key at {key.Start}"));
                    Write(json, value);
                }
                json.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                json.WriteStartArray();
                foreach (var item in sequence.Children) Write(json, item);
                json.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(json, scalar.Value ?? "", scalar.Style);
                break;
            default:
                throw new InvalidDataException($"unexpected node {node.NodeType} at {node.Start}");
        }
    }

    private static void WriteScalar(Utf8JsonWriter json, string text, ScalarStyle style)
    {
        if (style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            json.WriteStringValue(text);
            return;
        }
        if (NullPattern().IsMatch(text)) json.WriteNullValue();
        else if (text is "true" or "True" or "TRUE") json.WriteBooleanValue(true);
        else if (text is "false" or "False" or "FALSE") json.WriteBooleanValue(false);
        else if (DecimalPattern().IsMatch(text)) json.WriteRawValue(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
        else if (text.StartsWith("0o", StringComparison.Ordinal) && OctalPattern().IsMatch(text)) json.WriteRawValue(Octal(text[2..]).ToString(CultureInfo.InvariantCulture));
        else if (text.StartsWith("0x", StringComparison.Ordinal) && HexPattern().IsMatch(text)) json.WriteRawValue(BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
        else if (FloatPattern().IsMatch(text))
        {
            var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            // Beyond a double (1e400) JSON still has the number, and the schema must see it as written.
            if (double.IsFinite(value)) json.WriteNumberValue(value);
            else json.WriteRawValue(text.TrimStart('+'));
        }
        else if (SpecialFloatPattern().IsMatch(text)) throw new InvalidDataException($"{text} has no JSON form");
        else json.WriteStringValue(text);
    }

    private static BigInteger Octal(string digits)
    {
        BigInteger value = 0;
        foreach (var digit in digits) value = value * 8 + (digit - '0');
        return value;
    }

    [GeneratedRegex("^(?:~|[Nn]ull|NULL)?$")]
    private static partial Regex NullPattern();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalPattern();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$")]
    private static partial Regex SpecialFloatPattern();
}
