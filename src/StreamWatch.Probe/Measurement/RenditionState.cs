using StreamWatch.Contracts.V1;
using StreamWatch.Media;
using StreamWatch.Probe.Targets;

namespace StreamWatch.Probe.Measurement;

/// <summary>
/// What the probe remembers about one rendition between polls (a few hundred bytes plus the last body and parse).
/// Written only by that rendition's poll loop; read by the API and the metric callbacks through <see cref="Snapshot"/>.
/// </summary>
internal sealed class RenditionState(RenditionTarget target)
{
    private readonly Lock _gate = new();
    private ServerClock _serverClock;
    private ChangeEstimate _change;
    private TargetStatus _status = new(target.StreamId, target.Cdn, target.RenditionId, target.Url.AbsoluteUri, null, null, 0, null, null, null, false, null, null, null)
    {
        Representation = target.Representation,
        DeclaredBandwidthBps = target.DeclaredBandwidth,
        Origin = target.Origin,
    };

    public RenditionTarget Target { get; } = target;

    /// <summary>The last successfully parsed manifest.</summary>
    public ManifestAnalysis? Previous { get; set; }

    /// <summary>The last successfully fetched body, to tell a changed playlist from an unchanged one (HLS reload cadence).</summary>
    public byte[]? PreviousBody { get; set; }

    /// <summary>The media sequence of the next segment (HLS) or the newest segment number (DASH) at the last successful poll.</summary>
    public long? Progress { get; set; }

    /// <summary>When the current <see cref="Progress"/> appeared (<see cref="ChangeEstimate"/>): the playlist age counts from here.</summary>
    public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>When the last successful poll was sent: the lower end of the bracket around the next change.</summary>
    public DateTimeOffset? LastSentAt { get; set; }

    /// <summary>When the age passes the stale threshold if nothing progresses; null once stale, or when unknown.</summary>
    public DateTimeOffset? StaleDeadline { get; set; }

    /// <summary>The server's clock minus the probe's, as the Date headers of this rendition's responses show it.</summary>
    public TimeSpan ServerClockOffset => _serverClock.Correction;

    /// <summary>The last known target duration.</summary>
    public TimeSpan? TargetDuration { get; set; }

    /// <summary>The newest segment's media sequence already downloaded.</summary>
    public long? LastSegmentFetched { get; set; }

    /// <summary>Adaptive depth: segments are sampled until this instant.</summary>
    public DateTimeOffset? EscalatedUntil { get; set; }

    /// <summary>How late the current poll was sent after it was due, by the probe's own doing (scheduler lag).</summary>
    public TimeSpan LateBy { get; set; }

    /// <summary>An early reload that would narrow <see cref="ChangeEstimate"/>'s uncertainty; null when none is needed.</summary>
    public DateTimeOffset? ProbeAt { get; set; }

    /// <summary>The next reload is a blocking one asking for this (LL-HLS); null for a normal reload.</summary>
    public BlockingDirective? NextBlocking { get; set; }

    /// <summary>After a blocking reload failed or did not block, reloads are paced normally until this instant.</summary>
    public DateTimeOffset BlockingPausedUntil { get; set; } = DateTimeOffset.MinValue;

    /// <summary>
    /// The last successful poll's report and fetch, kept only while blocking reloads are in use: a stale verdict issued
    /// while a blocking request is held repeats what that poll showed.
    /// </summary>
    public (ManifestPoll Poll, Fetch Fetch)? LastGood { get; set; }

    /// <summary>The publication lag's bounds learned so far (API and tests).</summary>
    public (TimeSpan Lo, TimeSpan Hi)? PublicationLag => _change.Lag;

    /// <summary>Estimates when the progress this poll saw appeared (<see cref="ChangeEstimate.Changed"/>) and sets <see cref="ProbeAt"/>.</summary>
    public DateTimeOffset EstimateChange(DateTimeOffset seen, DateTimeOffset? evidence, TimeSpan? next)
    {
        var changed = _change.Changed(Progress is null ? null : LastSentAt, seen, evidence, TargetDuration, LateBy);
        ProbeAt = evidence is { } end && next is { } step && TargetDuration is { } td ? _change.Probe(end, step, td) : null;
        return changed;
    }

    /// <summary>The time between the last two changes; null until two were seen.</summary>
    public TimeSpan? UpdateInterval { get; private set; }

    /// <summary>The RFC 3550 smoothed update jitter; null until two changes were seen.</summary>
    public TimeSpan? UpdateJitter { get; private set; }

    /// <summary>
    /// Folds one change into <see cref="UpdateInterval"/> and <see cref="UpdateJitter"/>: RFC 3550 6.4.1's
    /// interarrival jitter, J += (|D| - J) / 16, with D the time since the previous change minus the media
    /// duration this update added (a healthy packager publishes one segment per segment duration, so D is 0).
    /// </summary>
    /// <param name="previous">The estimated time of the previous change.</param>
    /// <param name="changed">The estimated time of this one.</param>
    /// <param name="added">The media duration the update added.</param>
    public void ObserveUpdate(DateTimeOffset previous, DateTimeOffset changed, TimeSpan added)
    {
        var interval = changed - previous;
        var deviation = Math.Abs((interval - added).TotalSeconds);
        // RFC 3550 starts J at 0: one odd first interval (the first change is only bracketed by the poll
        // that saw it) moves the estimate by a sixteenth, not all the way.
        var jitter = UpdateJitter?.TotalSeconds ?? 0;
        jitter += (deviation - jitter) / 16;
        UpdateInterval = interval;
        UpdateJitter = TimeSpan.FromSeconds(jitter);
    }

    /// <summary>Adds a response's Date header to <see cref="ServerClockOffset"/>.</summary>
    public void ObserveServerDate(DateTimeOffset date, DateTimeOffset sent, DateTimeOffset firstByte) => _serverClock.Observe(date, sent, firstByte);

    public TargetStatus Snapshot()
    {
        lock (_gate)
        {
            return _status;
        }
    }

    public void Polled(ManifestPoll poll, DateTimeOffset at, TimeSpan? age, long? sequencesBehind, string? errorKind, Fetch fetch, bool sampling)
    {
        var timings = poll.Fetch.Timings;
        var phases = new FetchPhases(
            Seconds(timings?.Dns),
            Seconds(timings?.Connect),
            Seconds(timings?.Tls),
            Seconds(timings?.FirstByte),
            fetch.Total.TotalSeconds,
            fetch.NewConnection);
        lock (_gate)
        {
            _status = _status with
            {
                LastPoll = at,
                Outcome = poll.Fetch.Outcome.ToLabel(),
                HttpStatus = poll.Fetch.HttpStatus,
                MediaSequence = poll.HasMediaSequence ? poll.MediaSequence : _status.MediaSequence,
                TargetDurationSeconds = TargetDuration?.TotalSeconds,
                AgeSeconds = age?.TotalSeconds,
                Stale = poll.Stale,
                CdnSkewSeconds = poll.CdnSkew?.ToTimeSpan().TotalSeconds,
                MediaSequencesBehind = sequencesBehind,
                LiveEdgeLatencySeconds = poll.LiveEdgeLatency?.ToTimeSpan().TotalSeconds,
                Polls = _status.Polls + 1,
                ErrorKind = errorKind,
                Depth = sampling ? "segments" : "manifest",
                EscalatedUntil = EscalatedUntil > at ? EscalatedUntil : null,
                LastFetch = phases,
                UpdateIntervalSeconds = UpdateInterval?.TotalSeconds,
                UpdateJitterSeconds = UpdateJitter?.TotalSeconds,
            };
        }
    }

    public void Scheduled(DateTimeOffset due)
    {
        lock (_gate)
        {
            _status = _status with { NextPoll = due };
        }
    }

    private static double Seconds(Google.Protobuf.WellKnownTypes.Duration? duration) => duration?.ToTimeSpan().TotalSeconds ?? 0;
}
