using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StreamWatch.ServiceDefaults.Configuration;

/// <summary>
/// Reads a YAML document into configuration keys the way the JSON provider reads JSON: mapping
/// keys joined with <c>:</c>, sequence items indexed <c>0, 1, …</c>, scalars as strings
/// (<c>~</c>, <c>null</c> and empty values as null). Keys are case-insensitive; a key given twice
/// is an error naming both lines.
/// </summary>
public sealed class YamlConfigurationProvider(YamlConfigurationSource source) : FileConfigurationProvider(source)
{
    /// <inheritdoc />
    public override void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Data = Parse(stream);
    }

    /// <summary>Flattens one YAML document into configuration keys.</summary>
    /// <exception cref="FormatException">The text is not valid YAML, holds several documents, or repeats a key.</exception>
    public static Dictionary<string, string?> Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(stream);
            yaml.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new FormatException($"Invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        if (yaml.Documents.Count > 1)
        {
            throw new FormatException($"Expected one YAML document, found {yaml.Documents.Count} (separated by '---').");
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (yaml.Documents.Count == 1)
        {
            var root = yaml.Documents[0].RootNode;
            if (root is YamlScalarNode scalar && IsNull(scalar))
            {
                return data; // an empty file
            }

            if (root is not YamlMappingNode)
            {
                throw new FormatException($"The top level of the YAML file must be a mapping (line {root.Start.Line}).");
            }

            Visit(root, null, data, new Dictionary<string, Mark>(StringComparer.OrdinalIgnoreCase));
        }

        return data;
    }

    private static void Visit(YamlNode node, string? path, Dictionary<string, string?> data, Dictionary<string, Mark> seen)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                if (mapping.Children.Count == 0 && path is not null)
                {
                    data[path] = null;
                }

                foreach (var (keyNode, value) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw new FormatException($"Only scalar mapping keys are supported (line {keyNode.Start.Line}).");
                    }

                    var child = path is null ? key : ConfigurationPath.Combine(path, key);
                    if (seen.TryGetValue(child, out var first))
                    {
                        throw new FormatException($"The key '{child}' is given twice (lines {first.Line} and {keyNode.Start.Line}); keys are case-insensitive.");
                    }

                    seen[child] = keyNode.Start;
                    Visit(value, child, data, seen);
                }

                break;
            case YamlSequenceNode sequence:
                if (sequence.Children.Count == 0)
                {
                    data[path!] = null;
                }

                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Visit(sequence.Children[i], ConfigurationPath.Combine(path!, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), data, seen);
                }

                break;
            case YamlScalarNode scalar:
                data[path!] = IsNull(scalar) ? null : scalar.Value;
                break;
            default:
                throw new FormatException($"Unsupported YAML node at line {node.Start.Line}.");
        }
    }

    // YAML 1.2 core schema nulls, unless quoted ("null" in quotes is the string).
    private static bool IsNull(YamlScalarNode scalar)
        => scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
           && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");
}
