using System.Globalization;

namespace StreamWatch.ServiceDefaults.Configuration;

/// <summary>
/// Collects every problem with one options object, each naming the setting at fault by its full
/// configuration key: <c>Probe:StaleFactor must be &gt;= 1 (was 0.5)</c>.
/// </summary>
public sealed class SettingErrors
{
    private readonly List<string> _errors = [];

    /// <summary>Creates a collector for the settings under <paramref name="section"/>.</summary>
    /// <param name="section">The configuration section, e.g. <c>Probe</c>; empty for the root.</param>
    public SettingErrors(string section) => Section = section ?? string.Empty;

    /// <summary>The configuration section the settings live in.</summary>
    public string Section { get; }

    /// <summary>The errors so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The full key of a setting: <c>Section:setting</c>.</summary>
    public string Key(string setting) => Section.Length == 0 ? setting : $"{Section}:{setting}";

    /// <summary>Adds <c>{Section}:{setting} {problem} (was {value})</c>.</summary>
    public void Add(string setting, string problem, object? value)
        => _errors.Add($"{Key(setting)} {problem} (was {Format(value)})");

    /// <summary>Adds <c>{Section}:{setting} {problem}</c>.</summary>
    public void Add(string setting, string problem) => _errors.Add($"{Key(setting)} {problem}");

    /// <summary>Requires <paramref name="value"/> &gt;= <paramref name="minimum"/>.</summary>
    public void AtLeast<T>(string setting, T value, T minimum)
        where T : IComparable<T>
    {
        if (value.CompareTo(minimum) < 0)
        {
            Add(setting, $"must be >= {Format(minimum)}", value);
        }
    }

    /// <summary>Requires <paramref name="minimum"/> &lt;= <paramref name="value"/> &lt;= <paramref name="maximum"/>.</summary>
    public void InRange<T>(string setting, T value, T minimum, T maximum)
        where T : IComparable<T>
    {
        if (value.CompareTo(minimum) < 0 || value.CompareTo(maximum) > 0)
        {
            Add(setting, $"must be between {Format(minimum)} and {Format(maximum)}", value);
        }
    }

    /// <summary>Requires a duration greater than zero.</summary>
    public void Positive(string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            Add(setting, "must be a positive duration", value);
        }
    }

    /// <summary>Requires a non-empty string.</summary>
    public void Required(string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(setting, "is required");
        }
    }

    /// <summary>Requires an absolute http or https URL.</summary>
    public void HttpUrl(string setting, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Add(setting, "must be an absolute http or https URL", value);
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
