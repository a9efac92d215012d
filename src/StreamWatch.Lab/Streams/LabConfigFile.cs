using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace StreamWatch.Lab.Streams;

/// <summary>
/// Reads the Lab's part of the StreamWatch configuration file (CONTRACTS.md): the stream ids and the
/// CDN names of their sources, so the Lab serves exactly what the probe is configured to watch.
/// Every other section belongs to other services and is ignored here.
/// </summary>
internal static class LabConfigFile
{
    public static (List<string> Streams, List<string> Cdns) Read(string path)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        using var reader = File.OpenText(path);
        var file = deserializer.Deserialize<ConfigFile?>(reader) ?? new ConfigFile();
        var streams = new List<string>();
        var cdns = new List<string>();
        foreach (var stream in file.Streams ?? [])
        {
            if (!string.IsNullOrEmpty(stream.Id))
            {
                streams.Add(stream.Id);
            }

            foreach (var source in stream.Sources ?? [])
            {
                if (!string.IsNullOrEmpty(source.Cdn) && !cdns.Contains(source.Cdn))
                {
                    cdns.Add(source.Cdn);
                }
            }
        }

        return (streams, cdns);
    }

    internal sealed class ConfigFile
    {
        public List<StreamEntry>? Streams { get; set; }
    }

    internal sealed class StreamEntry
    {
        public string? Id { get; set; }

        public List<SourceEntry>? Sources { get; set; }
    }

    internal sealed class SourceEntry
    {
        public string? Cdn { get; set; }
    }
}
