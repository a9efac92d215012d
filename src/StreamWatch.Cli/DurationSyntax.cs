using System.Globalization;

namespace StreamWatch.Cli;

/// <summary>Parses the durations people type on the command line: <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>, <c>1.5s</c>.</summary>
internal static class DurationSyntax
{
    /// <summary>Parses a positive number followed by <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var split = span.Length;
        while (split > 0 && char.IsAsciiLetter(span[split - 1]))
        {
            split--;
        }

        var number = span[..split];
        var unit = span[split..];
        var milliseconds = unit switch
        {
            "ms" => 1d,
            "s" => 1_000d,
            "m" => 60_000d,
            "h" => 3_600_000d,
            _ => double.NaN,
        };
        if (double.IsNaN(milliseconds)
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0)
        {
            return false;
        }

        var total = amount * milliseconds;
        if (total > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(total);
        return value > TimeSpan.Zero;
    }

    /// <summary>The inverse for messages: <c>500 ms</c>, <c>30 s</c>, <c>2.5 s</c>.</summary>
    public static string Format(TimeSpan value)
        => value < TimeSpan.FromSeconds(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.#} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###} s");
}
