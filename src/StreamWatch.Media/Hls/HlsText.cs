using System.Buffers.Text;
using System.Text;

namespace StreamWatch.Media.Hls;

/// <summary>Allocation-free parsing of the value types RFC 8216bis 4.2 defines, on UTF-8 spans.</summary>
internal static class HlsText
{
    // Lenient about the whitespace real encoders leave around lines and values; the RFC has none.
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) => s.Trim(" \t\r\f\v"u8);

    public static string Decode(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);

    /// <summary>decimal-integer: digits only, 0 to 2^64-1 (we keep 63 bits).</summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 19)
        {
            return false;
        }

        foreach (var b in s)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return value >= 0;
    }

    /// <summary>An integer that may carry a sign, so a negative media sequence can be reported rather than rejected as noise.</summary>
    public static bool TryParseSignedInteger(ReadOnlySpan<byte> s, out long value)
    {
        if (!s.IsEmpty && (s[0] == '-' || s[0] == '+'))
        {
            var ok = TryParseInteger(s[1..], out value);
            value = s[0] == '-' ? -value : value;
            return ok;
        }

        return TryParseInteger(s, out value);
    }

    /// <summary>decimal-floating-point or signed-decimal-floating-point; finite values only.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        // Utf8Parser also accepts exponents and other forms the RFC does not; we only take digits, one dot and a sign.
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        var start = s[0] == '-' || s[0] == '+' ? 1 : 0;
        var dot = -1;
        var digits = 0;
        long mantissa = 0;
        for (var i = start; i < s.Length; i++)
        {
            var b = s[i];
            var d = (uint)(b - '0');
            if (d <= 9)
            {
                digits++;
                mantissa = digits <= 18 ? (mantissa * 10) + d : mantissa;
            }
            else if (b == '.' && dot < 0)
            {
                dot = i;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        // Fast path: an integer of at most 15 digits and a power of ten up to 10^22 are both exact doubles,
        // so one IEEE division gives the correctly rounded value, the same as a full decimal parser.
        var fractionDigits = dot < 0 ? 0 : s.Length - dot - 1;
        if (digits <= 15 && fractionDigits < PowersOfTen.Length)
        {
            value = mantissa / PowersOfTen[fractionDigits];
            value = s[0] == '-' ? -value : value;
            return true;
        }

        return Utf8Parser.TryParse(s, out value, out var consumed) && consumed == s.Length && double.IsFinite(value);
    }

    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>hexadecimal-sequence: <c>0x</c> or <c>0X</c> then hex digits.</summary>
    public static bool IsHexSequence(ReadOnlySpan<byte> s)
    {
        if (s.Length < 3 || s[0] != '0' || (s[1] | 0x20) != 'x')
        {
            return false;
        }

        foreach (var b in s[2..])
        {
            if (!char.IsAsciiHexDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>decimal-resolution: <c>WIDTHxHEIGHT</c>.</summary>
    public static bool TryParseResolution(ReadOnlySpan<byte> s, out HlsResolution value)
    {
        value = default;
        var x = s.IndexOfAny((byte)'x', (byte)'X');
        if (x <= 0 || !TryParseInteger(s[..x], out var w) || !TryParseInteger(s[(x + 1)..], out var h) || w > int.MaxValue || h > int.MaxValue)
        {
            return false;
        }

        value = new HlsResolution((int)w, (int)h);
        return true;
    }

    /// <summary>
    /// An ISO 8601 date-time as RFC 8216bis 4.2 requires (<c>YYYY-MM-DDThh:mm:ss[.f+][Z|±hh[:]mm]</c>).
    /// A missing zone is read as UTC: the RFC says a zone SHOULD be given, not MUST.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        long fractionTicks = 0;
        if (i < s.Length && (s[i] == '.' || s[i] == ','))
        {
            i++;
            var scale = TimeSpan.TicksPerSecond / 10;
            var any = false;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                fractionTicks += (s[i] - '0') * scale;
                scale /= 10;
                i++;
                any = true;
            }

            if (!any)
            {
                return false;
            }
        }

        var offsetMinutes = 0;
        if (i < s.Length)
        {
            if (s[i] == 'Z' || s[i] == 'z')
            {
                i++;
            }
            else if (s[i] == '+' || s[i] == '-')
            {
                var sign = s[i] == '-' ? -1 : 1;
                i++;
                if (!Digits(s, i, 2, out var oh))
                {
                    return false;
                }

                i += 2;
                var om = 0;
                if (i < s.Length && s[i] == ':')
                {
                    i++;
                }

                if (i < s.Length)
                {
                    if (!Digits(s, i, 2, out om))
                    {
                        return false;
                    }

                    i += 2;
                }

                if (oh > 14 || om > 59)
                {
                    return false;
                }

                offsetMinutes = sign * ((oh * 60) + om);
            }
            else
            {
                return false;
            }
        }

        if (i != s.Length || month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        // A leap second (:60) is legal ISO 8601; .NET cannot represent it, so it becomes the next second.
        var leap = second == 60;
        var dt = new DateTime(year, month, day, hour, minute, leap ? 59 : second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        if (leap)
        {
            dt = dt.AddSeconds(1);
        }

        try
        {
            value = new DateTimeOffset(dt, TimeSpan.FromMinutes(offsetMinutes));
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // Year 1 or 9999 with an offset pushing the UTC instant out of range.
            return false;
        }
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }
}
