using System.Diagnostics.Metrics;
using System.Text;

namespace StreamWatch.ServiceDefaults.Metrics;

/// <summary>
/// Maps System.Diagnostics.Metrics instrument names and UCUM units to Prometheus metric and label
/// names, following OpenTelemetry's Prometheus compatibility rules: invalid characters become
/// <c>_</c>, the unit is appended as a base-unit word (<c>s</c> → <c>_seconds</c>, <c>By</c> →
/// <c>_bytes</c>, <c>{request}</c> annotations dropped, <c>x/y</c> → <c>x_per_y</c>), counters
/// end in <c>_total</c>, and instruments of StreamWatch's own meters get the <c>streamwatch_</c> prefix.
/// One addition of ours: a gauge whose name would end in <c>_count</c>, <c>_sum</c>, <c>_bucket</c> or
/// <c>_total</c> (the runtime's <c>dotnet.assembly.count</c>) gets <c>_value</c> appended, since in the
/// text format those suffixes belong to histogram and counter samples.
/// </summary>
public static class PrometheusNames
{
    /// <summary>The prefix of every metric from a <c>StreamWatch</c> or <c>StreamWatch.*</c> meter.</summary>
    public const string StreamWatchPrefix = "streamwatch_";

    /// <summary>The Prometheus metric family name of an instrument.</summary>
    /// <param name="meterName">The instrument's meter, e.g. <c>StreamWatch.Probe</c>.</param>
    /// <param name="instrumentName">The instrument name, e.g. <c>probe.manifest_fetch.duration</c>.</param>
    /// <param name="unit">UCUM unit, e.g. <c>s</c>, <c>By</c>, <c>{request}</c>; null or empty for none.</param>
    /// <param name="type">The exposition type the instrument maps to.</param>
    public static string MetricName(string meterName, string instrumentName, string? unit, MetricType type)
    {
        ArgumentNullException.ThrowIfNull(meterName);
        ArgumentNullException.ThrowIfNull(instrumentName);
        var name = Sanitize(instrumentName, allowLeadingDigit: false);
        if (IsStreamWatchMeter(meterName) && !name.StartsWith(StreamWatchPrefix, StringComparison.OrdinalIgnoreCase))
        {
            name = StreamWatchPrefix + name;
        }

        // The _total suffix goes after the unit (requests_bytes_total), so take it off first.
        var isCounter = type == MetricType.Counter;
        if (isCounter && name.EndsWith("_total", StringComparison.Ordinal))
        {
            name = name[..^"_total".Length];
        }

        var suffix = UnitSuffix(unit, type);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name = name + "_" + suffix;
        }

        if (isCounter)
        {
            return name + "_total";
        }

        // A gauge named like a histogram or counter sample (dotnet.assembly.count → dotnet_assembly_count)
        // would be read as part of a family it is not in; promtool rejects it. Disambiguate.
        if (type == MetricType.Gauge && EndsWithReservedSuffix(name))
        {
            return name + "_value";
        }

        return name;
    }

    private static bool EndsWithReservedSuffix(string name)
        => name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal)
           || name.EndsWith("_bucket", StringComparison.Ordinal) || name.EndsWith("_total", StringComparison.Ordinal);

    /// <summary>
    /// A valid Prometheus label name for an attribute key: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, other
    /// characters replaced by <c>_</c>, a leading digit prefixed with <c>key_</c>, and the
    /// <c>__</c> prefix (reserved for Prometheus itself) reduced to one underscore.
    /// </summary>
    public static string LabelName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = Sanitize(key, allowLeadingDigit: true);
        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
        {
            return "key_" + name;
        }

        return name.Length == 0 ? "key" : name;
    }

    /// <summary>
    /// The name suffix for a UCUM unit: <c>s</c> → <c>seconds</c>, <c>ms</c> → <c>milliseconds</c>,
    /// <c>By</c> → <c>bytes</c>, <c>By/s</c> → <c>bytes_per_second</c>, <c>{packet}</c> → nothing,
    /// <c>1</c> → <c>ratio</c> for gauges only. Unknown units are kept, sanitized.
    /// </summary>
    public static string UnitSuffix(string? unit, MetricType type)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return string.Empty;
        }

        unit = StripAnnotations(unit).Trim();
        if (unit == "1")
        {
            return type == MetricType.Gauge ? "ratio" : string.Empty;
        }

        var slash = unit.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return SanitizeUnit(MainUnit(unit));
        }

        var main = SanitizeUnit(MainUnit(unit[..slash]));
        var per = SanitizeUnit(PerUnit(unit[(slash + 1)..]));
        if (per.Length == 0)
        {
            return main;
        }

        return main.Length == 0 ? "per_" + per : main + "_per_" + per;
    }

    internal static bool IsStreamWatchMeter(string meterName)
        => meterName.StartsWith("StreamWatch", StringComparison.OrdinalIgnoreCase)
           && (meterName.Length == "StreamWatch".Length || meterName["StreamWatch".Length] == '.');

    /// <summary>Replaces everything outside <c>[a-zA-Z0-9_]</c> with <c>_</c>, collapses runs of underscores and trims them at the ends.</summary>
    private static string Sanitize(string value, bool allowLeadingDigit)
    {
        var builder = new StringBuilder(value.Length + 1);
        var lastWasUnderscore = true; // drops leading underscores
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
                lastWasUnderscore = false;
            }
            else if (!lastWasUnderscore)
            {
                // Colons are valid in metric names but reserved for recording rules.
                builder.Append('_');
                lastWasUnderscore = true;
            }
        }

        while (builder.Length > 0 && builder[^1] == '_')
        {
            builder.Length--;
        }

        if (!allowLeadingDigit && builder.Length > 0 && char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    private static string StripAnnotations(string unit)
    {
        if (!unit.Contains('{', StringComparison.Ordinal))
        {
            return unit;
        }

        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string SanitizeUnit(string unit)
    {
        var builder = new StringBuilder(unit.Length);
        foreach (var c in unit)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim('_');
    }

    private static string MainUnit(string unit) => unit switch
    {
        "d" => "days",
        "h" => "hours",
        "min" => "minutes",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "GiBy" => "gibibytes",
        "TiBy" => "tebibytes",
        "KBy" => "kilobytes",
        "MBy" => "megabytes",
        "GBy" => "gigabytes",
        "TBy" => "terabytes",
        "m" => "meters",
        "V" => "volts",
        "A" => "amperes",
        "J" => "joules",
        "W" => "watts",
        "g" => "grams",
        "Cel" => "celsius",
        "Hz" => "hertz",
        "%" => "percent",
        _ => unit,
    };

    private static string PerUnit(string unit) => unit switch
    {
        "s" => "second",
        "m" => "minute",
        "h" => "hour",
        "d" => "day",
        "w" => "week",
        "mo" => "month",
        "y" => "year",
        _ => unit,
    };
}
