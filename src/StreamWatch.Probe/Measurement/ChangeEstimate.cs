namespace StreamWatch.Probe.Measurement;

/// <summary>
/// When a rendition's media last progressed, which is where its playlist age (and the stale verdict) counts from, learned
/// from the polls that bracket each change and from the playlist's own timing (one per rendition, in its state).
/// </summary>
/// <remarks>
/// <para>
/// A poll that shows new progress brackets the change: it happened after the previous successful poll was sent (L, which
/// still showed the old progress) and before this poll's response arrived (U). At the RFC 8216bis 6.3.4 cadence that
/// bracket is up to a target duration wide, so neither end alone will do: U makes a verdict up to a target duration late,
/// L up to a target duration early (a false stale verdict on a healthy stream).
/// </para>
/// <para>
/// The playlist's evidence narrows it: the end of the newest segment E (HLS: EXT-X-PROGRAM-DATE-TIME + EXTINF; DASH:
/// its availability time), moved onto the probe's clock by the Date-header offset. A segment is published some lag λ
/// after its end (λ = 0 for an origin that publishes on time; packaging and upload delays make it positive), and every
/// bracket bounds that lag: L − E &lt; λ ≤ U − E. The bounds are intersected over the changes seen (restarted when a
/// change contradicts them, e.g. after an encoder restart), so λ ∈ [lo, hi].
/// </para>
/// <para>
/// The estimate is E + max(lo, hi − <see cref="Slack"/>): the latest lower bound of the change, but never more than
/// <see cref="Slack"/> (a quarter of the target duration) before the latest instant the evidence proves it happened.
/// So the age is overstated by at most a quarter of a target duration: a healthy stream whose segments are each one
/// target duration long may publish a segment up to a quarter of a target duration (+ the 100 ms reload margin) late
/// without a stale verdict at 1.5 target durations. An origin that publishes on time is judged from the exact change once
/// lo and hi are within the slack; while they are not, <see cref="Probe"/> proposes one reload halfway through the
/// uncertainty after the next expected segment, which halves it whatever it sees. Without evidence, or on the first poll,
/// the age counts from U, the bound that can never make a verdict early.
/// </para>
/// <para>
/// Learned bounds describe the past: when the lag steps up (PROGRAM-DATE-TIME jumps back, a packager slows down) the
/// first change after the step can still fit them and be placed too early. So the estimate is also never more than half
/// a target duration before U: a wrong lag then overstates the age by less than half a target duration (at the
/// steady-state phase the probes leave, well under it), and the reload at the deadline still finds the next segment.
/// "Before U" counts from when the poll was due: a poll the probe itself sent late (a starved machine: the bench saw
/// polls seconds late at load average 30) widens its bracket by its lateness, and clamping to U − TD/2 then put the change
/// up to that lateness after the evidence, i.e. made verdicts late by the probe's own delay.
/// </para>
/// </remarks>
internal struct ChangeEstimate
{
    private TimeSpan _lo;
    private TimeSpan _hi;
    private bool _known;

    /// <summary>How much age beyond what the evidence proves the estimate may claim: a quarter of a target duration.</summary>
    public static TimeSpan Slack(TimeSpan targetDuration) => targetDuration / 4;

    /// <summary>The publication lag's bounds learned so far, when any.</summary>
    public readonly (TimeSpan Lo, TimeSpan Hi)? Lag => _known ? (_lo, _hi) : null;

    /// <summary>The estimated instant of the change first seen by the poll answered at <paramref name="seen"/>, learning from its bracket.</summary>
    /// <param name="previous">When the previous successful poll (showing the old progress) was sent; null on the first poll.</param>
    /// <param name="seen">When this poll's response arrived (probe clock).</param>
    /// <param name="evidence">The newest segment's end on the probe's clock, when known.</param>
    /// <param name="targetDuration">The rendition's target duration, when known.</param>
    /// <param name="lateBy">
    /// How late this poll was sent by the probe's own doing (timer, CPU, a concurrency queue): the step-up guard counts
    /// half a target duration back from when the poll was due, not from when a starved probe got to it, so the probe's
    /// lateness is not added to the stream's age.
    /// </param>
    public DateTimeOffset Changed(DateTimeOffset? previous, DateTimeOffset seen, DateTimeOffset? evidence, TimeSpan? targetDuration, TimeSpan lateBy = default)
    {
        if (evidence is not { } end || seen < end)
        {
            // No evidence, or evidence of a change in the future (a clock the Date headers could not explain): ignore it.
            return seen;
        }

        var hi = seen - end;
        var lo = previous is { } after ? after - end : TimeSpan.MinValue;
        if (_known && lo <= _hi && hi >= _lo)
        {
            _lo = lo > _lo ? lo : _lo;
            _hi = hi < _hi ? hi : _hi;
        }
        else
        {
            (_lo, _hi, _known) = (lo, hi, true);
        }

        if (previous is null || targetDuration is not { } td)
        {
            return seen;
        }

        var floor = _lo > TimeSpan.Zero ? _lo : TimeSpan.Zero;
        var claimed = _hi - Slack(td);
        var lag = claimed > floor ? claimed : floor;
        var changed = end + lag;
        var earliest = seen - (lateBy > TimeSpan.Zero ? lateBy : TimeSpan.Zero) - (td / 2);
        return changed < earliest ? earliest : changed < seen ? changed : seen;
    }

    /// <summary>
    /// While the lag is known less precisely than <see cref="Slack"/>, the instant halfway through its uncertainty after
    /// the next segment is expected (<paramref name="end"/> + <paramref name="next"/>): a reload there halves it.
    /// </summary>
    public readonly DateTimeOffset? Probe(DateTimeOffset end, TimeSpan next, TimeSpan targetDuration)
    {
        if (!_known || _hi == TimeSpan.MaxValue)
        {
            return null;
        }

        var floor = _lo > TimeSpan.Zero ? _lo : TimeSpan.Zero;
        var width = _hi - floor;
        return width > Slack(targetDuration) ? end + next + floor + (width / 2) : null;
    }
}
