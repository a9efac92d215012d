using StreamWatch.Probe.Measurement;

namespace StreamWatch.Probe.Tests.Measurement;

public sealed class ChangeEstimateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Td = TimeSpan.FromSeconds(4);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void WithoutEvidenceOrBracket_TheChangeIsWhenItWasSeen()
    {
        var estimate = default(ChangeEstimate);
        Assert.Equal(T0 + S(9), estimate.Changed(T0 + S(5), T0 + S(9), null, Td));
        Assert.Equal(T0 + S(9), estimate.Changed(null, T0 + S(9), T0 + S(8), Td));

        // Evidence of a segment ending after the poll saw it: a clock the Date headers could not explain.
        Assert.Equal(T0 + S(9), estimate.Changed(T0 + S(5), T0 + S(9), T0 + S(9.5), Td));
    }

    [Fact]
    public void OnTimeOrigin_IsJudgedFromTheSegmentsEnd_OnceTheLagIsKnownWithinAQuarterTargetDuration()
    {
        var estimate = default(ChangeEstimate);

        // Segments end (and are published) every 4 s; the probe sees each 0.5 s later: lag in (−3.5, 0.5].
        Assert.Equal(T0 + S(4.5), estimate.Changed(null, T0 + S(4.5), T0 + S(4), Td));
        Assert.Equal(T0 + S(8), estimate.Changed(T0 + S(4.5), T0 + S(8.5), T0 + S(8), Td));
        Assert.Null(estimate.Probe(T0 + S(8), Td, Td));
    }

    [Fact]
    public void UncertainLag_IsNarrowedByAProbeHalfwayThroughIt_AndNeverClaimsMoreThanTheSlack()
    {
        var estimate = default(ChangeEstimate);
        estimate.Changed(null, T0 + S(7), T0 + S(4), Td);

        // Seen 3 s after the segment's end: the lag is at most 3 s, claimed at most 1 s (a quarter TD) below that.
        Assert.Equal(T0 + S(10), estimate.Changed(T0 + S(7), T0 + S(11), T0 + S(8), Td));
        Assert.Equal(T0 + S(12) + S(1.5), estimate.Probe(T0 + S(8), Td, Td));

        // The probe at 13.5 s sees the next segment: the lag is now at most 1.5 s, so at most 0.5 s is claimed.
        Assert.Equal(T0 + S(12) + S(0.5), estimate.Changed(T0 + S(11), T0 + S(13.5), T0 + S(12), Td));
        Assert.Equal((S(-1), S(1.5)), estimate.Lag);
    }

    [Fact]
    public void LagThatStepsUp_IsNeverPlacedMoreThanHalfATargetDurationBeforeThePollThatSawIt()
    {
        var estimate = default(ChangeEstimate);
        estimate.Changed(null, T0 + S(4.1), T0 + S(4), Td);
        estimate.Changed(T0 + S(4.1), T0 + S(8.1), T0 + S(8), Td);

        // PROGRAM-DATE-TIME now lags publication by 3 s: the learned lag (≤ 0.1 s) still fits this bracket.
        Assert.Equal(T0 + S(12.1) - (Td / 2), estimate.Changed(T0 + S(8.1), T0 + S(12.1), T0 + S(9), Td));
    }

    [Fact]
    public void PollSentLateByTheProbe_IsNotClampedToHalfATargetDurationBeforeItsAnswer()
    {
        var estimate = default(ChangeEstimate);
        estimate.Changed(null, T0 + S(4.1), T0 + S(4), Td);
        estimate.Changed(T0 + S(4.1), T0 + S(8.1), T0 + S(8), Td);

        // The next segment ends at 12 s and is published at once; the probe, starved, sends the poll due at 12.1 s at
        // 15.1 s. Clamped to U − TD/2 the change would be placed at 13.1 s; from the due time it stays at 12 s + lag.
        Assert.Equal(T0 + S(13.1), estimate.Changed(T0 + S(8.1), T0 + S(15.1), T0 + S(12), Td));
        var late = default(ChangeEstimate);
        late.Changed(null, T0 + S(4.1), T0 + S(4), Td);
        late.Changed(T0 + S(4.1), T0 + S(8.1), T0 + S(8), Td);
        Assert.Equal(T0 + S(12), late.Changed(T0 + S(8.1), T0 + S(15.1), T0 + S(12), Td, lateBy: S(3)));
    }

    [Fact]
    public void ServerClock_TakesTheSmallestOffsetTheDateHeadersAllow()
    {
        var clock = default(ServerClock);
        Assert.Equal(TimeSpan.Zero, clock.Correction);

        // Same clock: a Date of 10 s answered at 10.5 s allows −0.5..+0.5 s: no correction.
        clock.Observe(T0 + S(10), T0 + S(10.5), T0 + S(10.5));
        Assert.Equal(TimeSpan.Zero, clock.Correction);

        // A server 30 s ahead: 40 s at 10.2 s allows 29.8..30.8 s, then 41 s at 11.0 s narrows it to 30..30.8 s.
        var ahead = default(ServerClock);
        ahead.Observe(T0 + S(40), T0 + S(10.2), T0 + S(10.2));
        Assert.Equal(S(29.8), ahead.Correction);
        ahead.Observe(T0 + S(41), T0 + S(11), T0 + S(11));
        Assert.Equal(S(30), ahead.Correction);

        // A clock stepped back restarts the interval.
        ahead.Observe(T0 + S(12), T0 + S(12.5), T0 + S(12.5));
        Assert.Equal(TimeSpan.Zero, ahead.Correction);
    }
}
