using StreamWatch.Contracts.V1;
using StreamWatch.Media;
using StreamWatch.Probe.Targets;

namespace StreamWatch.Probe.Measurement;

/// <summary>
/// What the probe remembers about one rendition between polls. Written only by that rendition's poll loop;
/// read by the API through <see cref="Snapshot"/>.
/// </summary>
internal sealed class RenditionState(RenditionTarget target)
{
    private readonly Lock _gate = new();
    private TargetStatus _status = new(target.StreamId, target.Cdn, target.RenditionId, target.Url.AbsoluteUri, null, null, 0, null, null, null, false, null, null, null);

    public RenditionTarget Target { get; } = target;

    /// <summary>The last successfully parsed manifest.</summary>
    public ManifestAnalysis? Previous { get; set; }

    /// <summary>The last successfully fetched body, to tell a changed playlist from an unchanged one.</summary>
    public byte[]? PreviousBody { get; set; }

    /// <summary>When the probe first saw the current content.</summary>
    public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>The last known target duration.</summary>
    public TimeSpan? TargetDuration { get; set; }

    /// <summary>The newest segment's media sequence already downloaded.</summary>
    public long? LastSegmentFetched { get; set; }

    public TargetStatus Snapshot()
    {
        lock (_gate)
        {
            return _status;
        }
    }

    public void Polled(ManifestPoll poll, DateTimeOffset at, TimeSpan? age, long? sequencesBehind)
    {
        lock (_gate)
        {
            _status = _status with
            {
                LastPoll = at,
                Outcome = OutcomeName(poll.Fetch.Outcome),
                HttpStatus = poll.Fetch.HttpStatus,
                MediaSequence = poll.HasMediaSequence ? poll.MediaSequence : _status.MediaSequence,
                TargetDurationSeconds = TargetDuration?.TotalSeconds,
                AgeSeconds = age?.TotalSeconds,
                Stale = poll.Stale,
                CdnSkewSeconds = poll.CdnSkew?.ToTimeSpan().TotalSeconds,
                MediaSequencesBehind = sequencesBehind,
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

    /// <summary>The outcome as a low-cardinality label value: <c>ok</c>, <c>http_error</c>, <c>timeout</c>…</summary>
    public static string OutcomeName(FetchOutcome outcome) => outcome switch
    {
        FetchOutcome.Ok => "ok",
        FetchOutcome.HttpError => "http_error",
        FetchOutcome.Timeout => "timeout",
        FetchOutcome.ConnectionError => "connection_error",
        FetchOutcome.TlsError => "tls_error",
        FetchOutcome.TooLarge => "too_large",
        FetchOutcome.Invalid => "invalid",
        _ => "unspecified",
    };
}
