using System.Globalization;
using StreamWatch.Media;

namespace StreamWatch.Cli;

/// <summary>The CLI's durations: positive values of <see cref="DurationText"/> on the command line, and their form in messages.</summary>
internal static class DurationSyntax
{
    /// <summary>
    /// Parses a positive duration in StreamWatch's one syntax (<see cref="DurationText"/>, shared with the Lab):
    /// <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h30m</c>.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value)
        => DurationText.TryParse(text, out value) && value > TimeSpan.Zero;

    /// <summary>The inverse for messages: <c>500 ms</c>, <c>30 s</c>, <c>2.5 s</c>.</summary>
    public static string Format(TimeSpan value)
        => value < TimeSpan.FromSeconds(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.#} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###} s");
}
