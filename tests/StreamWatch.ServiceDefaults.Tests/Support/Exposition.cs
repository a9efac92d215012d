namespace StreamWatch.ServiceDefaults.Tests.Support;

/// <summary>Renders a collector to text and reads samples back out of the text format.</summary>
public static class ExpositionText
{
    public static string Render(StreamWatch.ServiceDefaults.Metrics.MetricsCollector collector)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        collector.WriteTo(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The sample lines (no comments), as (series, value) with the series text exactly as written.</summary>
    public static List<(string Series, string Value)> Samples(string text)
    {
        var samples = new List<(string, string)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            samples.Add((line[..space], line[(space + 1)..]));
        }

        return samples;
    }
}
