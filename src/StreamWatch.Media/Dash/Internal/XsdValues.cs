using System.Globalization;

namespace StreamWatch.Media.Dash.Internal;

/// <summary>Parsers for the XML Schema lexical forms MPD attributes use. None allocates or throws.</summary>
internal static class XsdValues
{
    // xs:duration years and months have no fixed length; MPD tooling (and every mainstream player)
    // reads a year as 365 days and a month as 30 days, so the same convention keeps our timing comparable.
    private const long TicksPerYear = 365 * TimeSpan.TicksPerDay;
    private const long TicksPerMonth = 30 * TimeSpan.TicksPerDay;

    /// <summary>xs:duration, e.g. <c>PT2S</c>, <c>PT.5S</c>, <c>P1DT0.04S</c>, <c>-PT1S</c>.</summary>
    public static bool TryParseDuration(ReadOnlySpan<char> s, out TimeSpan value)
    {
        value = default;
        s = s.Trim();
        var negative = false;
        if (s.Length > 0 && s[0] == '-')
        {
            negative = true;
            s = s[1..];
        }

        if (s.Length < 2 || s[0] != 'P')
        {
            return false;
        }

        Int128 ticks = 0;
        var inTime = false;
        var any = false;
        var lastOrder = 0; // designators must appear in order Y M D T H M S
        var i = 1;
        while (i < s.Length)
        {
            if (s[i] == 'T')
            {
                if (inTime)
                {
                    return false;
                }

                inTime = true;
                lastOrder = 3;
                i++;
                if (i == s.Length)
                {
                    return false; // "PT" alone is not a duration
                }

                continue;
            }

            var start = i;
            Int128 whole = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                whole = (whole * 10) + (s[i] - '0');
                if (whole > long.MaxValue)
                {
                    return false;
                }

                i++;
            }

            var hasWhole = i > start;
            long fractionTicks = 0;
            var hasFraction = false;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                var scale = TimeSpan.TicksPerSecond / 10;
                var fracStart = i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    fractionTicks += (s[i] - '0') * scale;
                    scale /= 10;
                    i++;
                }

                hasFraction = i > fracStart;
                if (!hasFraction)
                {
                    return false;
                }
            }

            if ((!hasWhole && !hasFraction) || i >= s.Length)
            {
                return false;
            }

            var designator = s[i++];
            int order;
            Int128 unit;
            switch (designator)
            {
                case 'Y' when !inTime: order = 0; unit = TicksPerYear; break;
                case 'M' when !inTime: order = 1; unit = TicksPerMonth; break;
                case 'D' when !inTime: order = 2; unit = TimeSpan.TicksPerDay; break;
                case 'H' when inTime: order = 4; unit = TimeSpan.TicksPerHour; break;
                case 'M' when inTime: order = 5; unit = TimeSpan.TicksPerMinute; break;
                case 'S' when inTime: order = 6; unit = TimeSpan.TicksPerSecond; break;
                default: return false;
            }

            // Only seconds may carry a fraction (XML Schema Part 2, 3.2.6.1).
            if (order < lastOrder || (order == lastOrder && any) || (hasFraction && order != 6))
            {
                return false;
            }

            lastOrder = order;
            any = true;
            ticks += (whole * unit) + (order == 6 ? fractionTicks : 0);
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }
        }

        if (!any)
        {
            return false;
        }

        value = new TimeSpan(negative ? -(long)ticks : (long)ticks);
        return true;
    }

    /// <summary>
    /// xs:dateTime, e.g. <c>2024-03-28T15:43:10Z</c>, <c>2017-08-14T11:49:14-07:00</c>, fractional seconds allowed.
    /// <paramref name="hadZone"/> is false when no time zone was written (then UTC is assumed, as players do).
    /// </summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> s, out DateTimeOffset value, out bool hadZone)
    {
        value = default;
        hadZone = false;
        s = s.Trim();
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var i = 19;
        long fractionTicks = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var scale = TimeSpan.TicksPerSecond / 10;
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                fractionTicks += (s[i] - '0') * scale;
                scale /= 10;
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        var offset = TimeSpan.Zero;
        if (i < s.Length)
        {
            if (s[i] == 'Z' && i == s.Length - 1)
            {
                hadZone = true;
            }
            else if ((s[i] == '+' || s[i] == '-') && s.Length - i == 6 && s[i + 3] == ':'
                && Digits(s.Slice(i + 1, 2), out var zh) && Digits(s.Slice(i + 4, 2), out var zm) && zh <= 14 && zm < 60)
            {
                hadZone = true;
                offset = new TimeSpan(zh, zm, 0);
                if (s[i] == '-')
                {
                    offset = -offset;
                }
            }
            else
            {
                return false;
            }
        }

        // 24:00:00 is the XML Schema spelling of the next midnight.
        var endOfDay = hour == 24 && minute == 0 && second == 0 && fractionTicks == 0;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || (hour > 23 && !endOfDay) || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, endOfDay ? 0 : hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        if (endOfDay)
        {
            if (local.Date == DateTime.MaxValue.Date)
            {
                return false;
            }

            local = local.AddDays(1);
        }

        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    /// <summary>xs:unsignedLong / xs:unsignedInt values as long (larger values are rejected).</summary>
    public static bool TryParseUnsigned(string s, out long value)
        => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>xs:long / xs:integer (SegmentTimeline S@r may be -1).</summary>
    public static bool TryParseSigned(string s, out long value)
        => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>xs:double with the XML Schema spellings <c>INF</c> (availabilityTimeOffset uses it).</summary>
    public static bool TryParseDouble(string s, out double value)
    {
        var t = s.AsSpan().Trim();
        if (t.SequenceEqual("INF"))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (t.SequenceEqual("-INF"))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>A byte range <c>first-last</c> or <c>first-</c>.</summary>
    public static bool TryParseByteRange(string s, out DashByteRange range)
    {
        range = default;
        var t = s.AsSpan().Trim();
        var dash = t.IndexOf('-');
        if (dash <= 0
            || !long.TryParse(t[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return false;
        }

        var rest = t[(dash + 1)..];
        if (rest.IsEmpty)
        {
            range = new DashByteRange(first, null);
            return true;
        }

        if (!long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var last) || last < first)
        {
            return false;
        }

        range = new DashByteRange(first, last);
        return true;
    }

    /// <summary>frameRate: <c>30</c> or <c>30000/1001</c> (ISO/IEC 23009-1 FrameRateType).</summary>
    public static double? ParseFrameRate(string? s)
    {
        if (s is null)
        {
            return null;
        }

        var t = s.AsSpan().Trim();
        var slash = t.IndexOf('/');
        if (slash < 0)
        {
            return long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) && whole > 0 ? whole : null;
        }

        return long.TryParse(t[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var num)
            && long.TryParse(t[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var den) && den > 0 && num > 0
            ? (double)num / den
            : null;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
