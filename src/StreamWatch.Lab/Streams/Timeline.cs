using Microsoft.Extensions.Options;

namespace StreamWatch.Lab.Streams;

/// <summary>
/// The arithmetic of the synthetic live edge: segment n covers [Epoch + n·d, Epoch + (n+1)·d) and is
/// published when it ends. Everything here is a pure function of the options and an instant, which is
/// what makes the same instant give the same manifest.
/// </summary>
internal sealed class Timeline
{
    private readonly long _adInterval;
    private readonly long _adDuration;

    public Timeline(IOptions<LabOptions> options)
    {
        var o = options.Value;
        Epoch = o.Epoch;
        SegmentTicks = o.SegmentDuration.Ticks;
        Window = o.WindowSegments;
        LowLatency = o.LowLatency;
        PartTicks = o.LowLatency ? o.PartDuration.Ticks : SegmentTicks;
        PartsPerSegment = (int)(SegmentTicks / PartTicks);
        DiscontinuityEvery = o.DiscontinuityEvery;
        _adInterval = o.AdBreakInterval > TimeSpan.Zero ? o.AdBreakInterval.Ticks / SegmentTicks : 0;
        _adDuration = _adInterval > 0 ? o.AdBreakDuration.Ticks / SegmentTicks : 0;
        TargetDurationSeconds = (int)Math.Ceiling(o.SegmentDuration.TotalSeconds);
    }

    public DateTimeOffset Epoch { get; }

    public long SegmentTicks { get; }

    public TimeSpan SegmentDuration => TimeSpan.FromTicks(SegmentTicks);

    public int Window { get; }

    public bool LowLatency { get; }

    public long PartTicks { get; }

    public int PartsPerSegment { get; }

    public int DiscontinuityEvery { get; }

    /// <summary>EXT-X-TARGETDURATION: the segment duration rounded up to whole seconds.</summary>
    public int TargetDurationSeconds { get; }

    public bool HasAdBreaks => _adInterval > 0;

    public long AdBreakSegments => _adDuration;

    /// <summary>Where the live edge stands at <paramref name="at"/>.</summary>
    public LivePosition PositionAt(DateTimeOffset at)
    {
        var elapsed = Math.Max(0, (at - Epoch).Ticks);
        var completed = elapsed / SegmentTicks;
        var parts = LowLatency ? (int)((elapsed % SegmentTicks) / PartTicks) : 0;
        return new LivePosition(completed, parts);
    }

    /// <summary>First segment of the window whose newest complete segment is <c>completed - 1</c>.</summary>
    public long FirstInWindow(long completed) => Math.Max(0, completed - Window);

    public DateTimeOffset SegmentStart(long n) => Epoch + TimeSpan.FromTicks(n * SegmentTicks);

    /// <summary>True when segment <paramref name="n"/> starts after a discontinuity.</summary>
    public bool HasDiscontinuity(long n) => DiscontinuityEvery > 0 && n > 0 && n % DiscontinuityEvery == 0;

    /// <summary>EXT-X-DISCONTINUITY-SEQUENCE of a window starting at <paramref name="first"/>: the discontinuities already slid out.</summary>
    public long DiscontinuitiesBefore(long first) => DiscontinuityEvery > 0 && first > 1 ? (first - 1) / DiscontinuityEvery : 0;

    /// <summary>Where segment <paramref name="n"/> sits in the ad schedule (breaks start at multiples of the interval, from the first one).</summary>
    public AdMark AdMarkOf(long n, out long breakIndex, out long segmentsIntoBreak)
    {
        breakIndex = 0;
        segmentsIntoBreak = 0;
        if (_adInterval == 0 || n < _adInterval)
        {
            return AdMark.None;
        }

        breakIndex = n / _adInterval;
        segmentsIntoBreak = n % _adInterval;
        return segmentsIntoBreak switch
        {
            0 => AdMark.Out,
            _ when segmentsIntoBreak < _adDuration => AdMark.Continue,
            _ when segmentsIntoBreak == _adDuration => AdMark.In,
            _ => AdMark.None,
        };
    }

    /// <summary>True when segment <paramref name="n"/> (and part <paramref name="part"/>) has been published at <paramref name="at"/>.</summary>
    public bool IsPublished(long n, int part, DateTimeOffset at)
    {
        var position = PositionAt(at);
        return n < position.Completed || (LowLatency && n == position.Completed && part >= 0 && part < position.Parts);
    }
}
