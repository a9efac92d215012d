using System.Globalization;
using System.Text;

namespace StreamWatch.ServiceDefaults.Metrics.Internal;

/// <summary>Renders a tag set once, when its series is created: <c>a="x",b="y"</c> (no braces).</summary>
internal static class Labels
{
    /// <param name="tags">The tags, any order.</param>
    /// <param name="histogram">True for a histogram series, where <c>le</c> belongs to the buckets and a tag of that name becomes <c>key_le</c>.</param>
    public static string Render(ReadOnlySpan<KeyValuePair<string, object?>> tags, bool histogram = false)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        // Sanitizing can make two keys equal (a.b and a_b): merge their values with ';' as the
        // OpenTelemetry compatibility rules say, rather than emit a duplicate label.
        var pairs = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags)
        {
            var name = PrometheusNames.LabelName(tag.Key);
            pairs.Add(new(histogram && name == "le" ? "key_le" : name, ValueText(tag.Value)));
        }

        pairs.Sort(static (x, y) => string.CompareOrdinal(x.Key, y.Key));
        var builder = new StringBuilder();
        for (var i = 0; i < pairs.Count; i++)
        {
            var value = pairs[i].Value;
            while (i + 1 < pairs.Count && pairs[i + 1].Key == pairs[i].Key)
            {
                value += ";" + pairs[++i].Value;
            }

            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(pairs[i].Key).Append("=\"");
            Exposition.AppendLabelValue(builder, value);
            builder.Append('"');
        }

        return builder.ToString();
    }

    public static string ValueText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => Exposition.FormatDouble(d),
        float f => Exposition.FormatDouble(f),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
