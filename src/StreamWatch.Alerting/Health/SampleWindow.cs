namespace StreamWatch.Alerting.Health;

/// <summary>
/// A time-stamped ring buffer of samples, aggregated over a sliding window without allocating.
/// Holds at most its capacity: when samples arrive faster than capacity per window, the oldest
/// are overwritten and the window is effectively shorter (a probe reports a rendition about once
/// per target duration, so the default capacity of 128 covers several minutes).
/// </summary>
internal sealed class SampleWindow
{
    /// <summary>The default number of samples held.</summary>
    public const int DefaultCapacity = 128;

    private readonly long[] _ticks;
    private readonly double[] _values;
    private int _next;
    private int _count;

    public SampleWindow(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ticks = new long[capacity];
        _values = new double[capacity];
    }

    /// <summary>Adds <paramref name="value"/> observed at <paramref name="at"/>.</summary>
    public void Add(DateTimeOffset at, double value)
    {
        _ticks[_next] = at.UtcTicks;
        _values[_next] = value;
        _next = _next + 1 == _ticks.Length ? 0 : _next + 1;
        if (_count < _ticks.Length)
        {
            _count++;
        }
    }

    /// <summary>Count and sum of the samples observed at or after <paramref name="since"/>.</summary>
    public WindowAggregate Aggregate(DateTimeOffset since)
    {
        var cutoff = since.UtcTicks;
        var count = 0;
        var sum = 0.0;
        var i = _next;
        for (var k = 0; k < _count; k++)
        {
            i = i == 0 ? _ticks.Length - 1 : i - 1;
            if (_ticks[i] < cutoff)
            {
                // Samples are appended in time order, so everything further back is older still.
                break;
            }

            count++;
            sum += _values[i];
        }

        return new WindowAggregate(count, sum);
    }
}
