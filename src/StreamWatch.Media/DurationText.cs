using System.Globalization;
using System.Text;

namespace StreamWatch.Media;

/// <summary>
/// The one duration syntax people type into StreamWatch (the Lab's fault API, the CLI's <c>--for 30s</c>):
/// a number and a unit (<c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>), repeated: <c>500ms</c>, <c>30s</c>,
/// <c>1.5s</c>, <c>2m</c>, <c>1h30m</c>; a leading <c>-</c> where a negative value makes sense (clock-skew offsets).
/// </summary>
public static class DurationText
{
    /// <summary>The syntax in a few words, for error messages.</summary>
    public const string Help = "a number with a unit: 500ms, 30s, 2m, 1h30m";

    /// <summary>
    /// Parses <paramref name="text"/> (surrounding white space ignored); false, with <paramref name="value"/>
    /// zero, for anything else, including a bare number, an unknown unit and a value too large for a <see cref="TimeSpan"/>.
    /// Zero and negative values parse: callers that need a positive duration check for it.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        var negative = s[0] == '-';
        if (negative)
        {
            s = s[1..];
        }

        if (s.IsEmpty)
        {
            return false;
        }

        long ticks = 0;
        while (!s.IsEmpty)
        {
            var digits = 0;
            while (digits < s.Length && (char.IsAsciiDigit(s[digits]) || s[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(s[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            s = s[digits..];
            double unit;
            if (s.StartsWith("ms", StringComparison.Ordinal))
            {
                unit = TimeSpan.TicksPerMillisecond;
                s = s[2..];
            }
            else if (s.StartsWith("s", StringComparison.Ordinal))
            {
                unit = TimeSpan.TicksPerSecond;
                s = s[1..];
            }
            else if (s.StartsWith("m", StringComparison.Ordinal))
            {
                unit = TimeSpan.TicksPerMinute;
                s = s[1..];
            }
            else if (s.StartsWith("h", StringComparison.Ordinal))
            {
                unit = TimeSpan.TicksPerHour;
                s = s[1..];
            }
            else
            {
                return false;
            }

            var add = number * unit;
            if (add > TimeSpan.MaxValue.Ticks / 2 || ticks > TimeSpan.MaxValue.Ticks / 2)
            {
                return false;
            }

            ticks += (long)add;
        }

        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>Formats the way <see cref="TryParse"/> reads it, e.g. <c>1m30s</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            sb.Append('-');
            value = value.Negate();
        }

        if (value.Hours + (value.Days * 24) > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(int)value.TotalHours}h");
        }

        if (value.Minutes > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{value.Minutes}m");
        }

        if (value.Seconds > 0 || (value.Milliseconds > 0 && value.TotalSeconds >= 1))
        {
            var seconds = value.Seconds + (value.Milliseconds / 1000.0);
            sb.Append(CultureInfo.InvariantCulture, $"{seconds:0.###}s");
        }
        else if (value.Milliseconds > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{value.Milliseconds}ms");
        }

        return sb.ToString();
    }
}
