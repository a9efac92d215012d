using System.Globalization;

namespace StreamWatch.Grpc.Internal;

/// <summary>
/// The <c>grpc-timeout</c> header: TimeoutValue (1 to 8 ASCII digits) followed by a unit,
/// H hours, M minutes, S seconds, m milliseconds, u microseconds, n nanoseconds.
/// </summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    public static bool TryParse(ReadOnlySpan<char> value, out TimeSpan timeout)
    {
        timeout = default;
        if (value.Length is < 2 or > 9)
        {
            return false;
        }

        long amount = 0;
        var digits = value[..^1];
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            amount = (amount * 10) + (c - '0');
        }

        // TimeSpan's range (about 29,000 years) covers 99,999,999 hours, so none of these overflow.
        timeout = value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromTicks(amount * 10),
            // Round nanoseconds up to the next 100 ns tick: a timeout must never shrink to zero.
            'n' => TimeSpan.FromTicks((amount + 99) / 100),
            _ => TimeSpan.MinValue,
        };
        return timeout != TimeSpan.MinValue;
    }

    /// <summary>The shortest exact-or-rounded-up encoding of <paramref name="timeout"/>; a non-positive timeout becomes <c>1n</c>.</summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = timeout.Ticks;
        if (ticks <= 0)
        {
            return "1n";
        }

        // Finest unit first; rounding up keeps the server's deadline no earlier than the client's.
        if (ticks <= MaxValue / 100)
        {
            return Encode(ticks * 100, 'n');
        }

        if (ticks <= MaxValue * 10)
        {
            return Encode(DivideRoundUp(ticks, 10), 'u');
        }

        if (ticks <= MaxValue * TimeSpan.TicksPerMillisecond)
        {
            return Encode(DivideRoundUp(ticks, TimeSpan.TicksPerMillisecond), 'm');
        }

        if (ticks <= MaxValue * TimeSpan.TicksPerSecond)
        {
            return Encode(DivideRoundUp(ticks, TimeSpan.TicksPerSecond), 'S');
        }

        if (ticks <= MaxValue * TimeSpan.TicksPerMinute)
        {
            return Encode(DivideRoundUp(ticks, TimeSpan.TicksPerMinute), 'M');
        }

        return Encode(Math.Min(MaxValue, DivideRoundUp(ticks, TimeSpan.TicksPerHour)), 'H');
    }

    private static long DivideRoundUp(long value, long divisor) => (value + divisor - 1) / divisor;

    private static string Encode(long value, char unit)
        => string.Create(CultureInfo.InvariantCulture, $"{value}{unit}");
}
