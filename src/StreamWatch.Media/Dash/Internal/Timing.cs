namespace StreamWatch.Media.Dash.Internal;

/// <summary>
/// Exact time arithmetic. Live timelines carry values such as t=154047647520000 at timescale 90000;
/// multiplying by 10^7 ticks overflows a long, so conversions go through <see cref="Int128"/>.
/// </summary>
internal static class Timing
{
    public static Int128 UnitsToTicks(Int128 units, long timescale)
        => timescale <= 0 ? units * TimeSpan.TicksPerSecond : units * TimeSpan.TicksPerSecond / timescale;

    public static long Clamp(Int128 value)
        => value > TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue.Ticks : value < TimeSpan.MinValue.Ticks ? TimeSpan.MinValue.Ticks : (long)value;

    public static Int128 FloorDiv(Int128 a, Int128 b)
    {
        var q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }

    public static Int128 CeilDiv(Int128 a, Int128 b) => -FloorDiv(-a, b);

    /// <summary>Seconds (possibly infinite) to ticks, clamped to ±<paramref name="cap"/>.</summary>
    public static Int128 SecondsToTicks(double seconds, Int128 cap)
    {
        if (double.IsNaN(seconds))
        {
            return 0;
        }

        var ticks = seconds * TimeSpan.TicksPerSecond;
        return ticks >= (double)cap ? cap : ticks <= -(double)cap ? -cap : (Int128)ticks;
    }
}
