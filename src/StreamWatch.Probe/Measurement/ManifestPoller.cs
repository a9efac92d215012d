using System.Diagnostics;
using System.Text.Unicode;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using StreamWatch.Contracts.V1;
using StreamWatch.Media;
using StreamWatch.Media.Dash;
using StreamWatch.Media.Hls;
using StreamWatch.Probe.Reporting;
using StreamWatch.Probe.Targets;
using MediaFinding = StreamWatch.Media.Finding;
using ProtoDuration = Google.Protobuf.WellKnownTypes.Duration;

namespace StreamWatch.Probe.Measurement;

/// <summary>
/// One poll: fetch, classify, parse, compare with the previous poll, judge staleness (by media-sequence progress), live
/// edge and cross-CDN skew, sample segments, then report and record metrics. An HLS poll covers one media playlist; a
/// DASH poll fetches the MPD once and measures every representation followed from it. Every expected failure ends as data.
/// </summary>
internal sealed partial class ManifestPoller(
    HttpFetcher fetcher,
    IProbeReportSink sink,
    ProbeMetrics metrics,
    SkewTracker skew,
    TimeProvider time,
    IOptions<ProbeOptions> options,
    ILogger<ManifestPoller> logger)
{
    /// <summary>Polls one HLS media playlist (or a source polled as a whole).</summary>
    /// <param name="state">The rendition.</param>
    /// <param name="ladder">Its source's cross-rendition check, when it came from a multivariant playlist.</param>
    /// <param name="cancellationToken">Stops the poll.</param>
    public async Task<PollResult> PollAsync(RenditionState state, LadderCheck? ladder, CancellationToken cancellationToken)
    {
        var fetch = await fetcher.GetAsync(state.Target.Url, keepBody: true, cancellationToken).ConfigureAwait(false);
        var result = await CompleteAsync(state, fetch, ladder, null, cancellationToken).ConfigureAwait(false);
        return result!.Value;
    }

    /// <summary>
    /// Sends the blocking reload <paramref name="directive"/> asks for (RFC 8216bis 6.2.5.2), with time for the server's
    /// hold (<see cref="BlockingDirective.HoldTargetDurations"/> target durations) on top of the request timeout.
    /// </summary>
    public Task<Fetch> FetchBlockingAsync(RenditionState state, BlockingDirective directive, CancellationToken cancellationToken)
    {
        var hold = (state.TargetDuration ?? ReloadCadence.UnknownTargetDuration) * BlockingDirective.HoldTargetDurations;
        return fetcher.GetAsync(directive.Apply(state.Target.Url), keepBody: true, hold + options.Value.RequestTimeout, cancellationToken);
    }

    /// <summary>
    /// Measures a blocking reload's answer like any poll, unless it failed (an error status, such as the 503 a server
    /// sends when nothing new came within its hold, a timeout, an invalid body): then nothing is reported, the fallback
    /// is counted and null says "reload normally now". An answer that does not reach the directive (a server that
    /// advertises blocking but does not block) is measured and also falls back. Either way blocking pauses for this
    /// rendition (<see cref="BlockingPause"/>), so a hostile server never gets a tight loop.
    /// </summary>
    public Task<PollResult?> CompleteBlockingAsync(RenditionState state, Fetch fetch, BlockingDirective directive, LadderCheck? ladder, CancellationToken cancellationToken)
        => CompleteAsync(state, fetch, ladder, directive, cancellationToken);

    /// <summary>
    /// A stale verdict while a blocking reload is held: the server promised to answer as soon as the next part or segment
    /// exists, so a request still held at the stale deadline is itself the evidence. Repeats the last successful poll's
    /// report with the age now and stale set (no findings: they were reported with that poll). False when not stale yet.
    /// </summary>
    public bool ReportHeldStale(RenditionState state)
    {
        var now = time.GetUtcNow();
        if (state.ChangedAt is not { } changedAt || state.TargetDuration is not { } targetDuration || state.LastGood is not { } last)
        {
            return false;
        }

        var age = now - changedAt;
        if (age <= targetDuration * options.Value.StaleFactor)
        {
            return false;
        }

        var target = state.Target;
        var poll = last.Poll.Clone();
        poll.Findings.Clear();
        poll.PlaylistAge = ProtoDuration.FromTimeSpan(age);
        poll.Stale = true;
        state.StaleDeadline = null;
        metrics.Error(ErrorKinds.Stale);
        LogStale(logger, target.StreamId, target.Cdn, target.RenditionId, age.TotalSeconds);
        Escalate(state, now);
        sink.Write(new ProbeReport { ObservedAt = Timestamp.FromDateTimeOffset(now), Manifest = poll });
        state.Polled(poll, now, age, null, ErrorKinds.Stale, last.Fetch, Sampling(state, now));
        return true;
    }

    /// <summary>After a blocking reload failed or did not block, this long of normal pacing before the next try.</summary>
    public static TimeSpan BlockingPause(TimeSpan? targetDuration) => (targetDuration ?? ReloadCadence.UnknownTargetDuration) * 10;

    private async Task<PollResult?> CompleteAsync(RenditionState state, Fetch fetch, LadderCheck? ladder, BlockingDirective? directive, CancellationToken cancellationToken)
    {
        var target = state.Target;
        var now = time.GetUtcNow();
        var (analysis, kind) = Classify(fetch, target.Url, now);
        var held = directive is not null;
        metrics.Phases(fetch, target.StreamId, target.Cdn, held);
        if (held && analysis is not HlsMediaAnalysis)
        {
            FallBack(state, kind ?? ErrorKinds.Invalid, fetch.Result.HttpStatus, now);
            return null;
        }

        if (analysis is null)
        {
            metrics.Error(kind!);
            Failed(state, fetch, kind!, now);
            return new PollResult(false, false, state.TargetDuration, null);
        }

        var changed = state.PreviousBody is null || !state.PreviousBody.AsSpan().SequenceEqual(fetch.Body);
        var compared = state.Previous is { } previous && changed ? ManifestAnalyzer.Compare(previous, analysis) : [];
        var summary = Summarize(analysis);
        state.Previous = analysis;
        state.PreviousBody = fetch.Body;
        var ladderFindings = ladder?.Observe(changed, summary.TargetDuration ?? state.TargetDuration, now) ?? [];
        await MeasureAsync(state, fetch, analysis, compared, summary, now, held, ladderFindings, cancellationToken).ConfigureAwait(false);
        if (summary.Hls is { } playlist)
        {
            if (directive is { } asked && !asked.SatisfiedBy(playlist))
            {
                FallBack(state, "no_progress", fetch.Result.HttpStatus, now);
            }

            var blocking = options.Value.BlockingReload && now >= state.BlockingPausedUntil
                && playlist is { IsLive: true, ServerControl.CanBlockReload: true };
            state.NextBlocking = blocking ? BlockingDirective.After(playlist) : null;
        }
        else
        {
            state.NextBlocking = null;
        }

        return new PollResult(true, changed, state.TargetDuration, null, state.StaleDeadline, state.ProbeAt);
    }

    private void FallBack(RenditionState state, string reason, int status, DateTimeOffset now)
    {
        var target = state.Target;
        metrics.BlockingFallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogBlockingFallback(logger, target.StreamId, target.Cdn, target.RenditionId, reason, status);
        state.BlockingPausedUntil = now + BlockingPause(state.TargetDuration);
        state.NextBlocking = null;
    }

    /// <summary>Fetches an MPD once and measures each representation in <paramref name="states"/> (all from that MPD).</summary>
    public async Task<PollResult> PollDashAsync(IReadOnlyList<RenditionState> states, CancellationToken cancellationToken)
    {
        var first = states[0].Target;
        var fetch = await fetcher.GetAsync(first.Url, keepBody: true, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var (analysis, kind) = Classify(fetch, first.Url, now);
        metrics.Phases(fetch, first.StreamId, first.Cdn);
        if (analysis is not DashAnalysis { Manifest: { } manifest } dash)
        {
            if (analysis is not null)
            {
                fetch.Result.Outcome = FetchOutcome.Invalid;
                fetch.Result.ErrorDetail = "an HLS playlist where an MPD was expected";
            }

            metrics.Error(kind ?? ErrorKinds.Invalid);
            foreach (var state in states)
            {
                Failed(state, fetch, kind ?? ErrorKinds.Invalid, now);
            }

            return new PollResult(false, false, states[0].TargetDuration, states[0].TargetDuration ?? ReloadCadence.UnknownTargetDuration);
        }

        // The MPD's continuity findings are computed once per fetch and reported with every representation.
        var changed = states[0].PreviousBody is null || !states[0].PreviousBody.AsSpan().SequenceEqual(fetch.Body);
        var compared = states[0].Previous is { } previous && changed ? ManifestAnalyzer.Compare(previous, dash) : [];
        DateTimeOffset? deadline = null;
        DateTimeOffset? probe = null;
        foreach (var state in states)
        {
            state.Previous = dash;
            state.PreviousBody = fetch.Body;
            if (Find(manifest, state.Target.Representation) is not { } representation)
            {
                // Gone from the MPD: the next discovery stops this rendition; until then it is a failed poll.
                metrics.Error(ErrorKinds.Invalid);
                Failed(state, fetch with { Result = fetch.Result.Clone() }, ErrorKinds.Invalid, now, $"representation '{state.Target.Representation}' is not in the MPD");
                continue;
            }

            // The segment window as the server computes it: at the server's "now", which the Date headers place.
            var summary = SummarizeRepresentation(dash, manifest, representation, now + state.ServerClockOffset);
            await MeasureAsync(state, fetch with { Result = fetch.Result.Clone() }, dash, compared, summary, now, held: false, [], cancellationToken).ConfigureAwait(false);
            if (state.StaleDeadline is { } due && (deadline is null || due < deadline))
            {
                deadline = due;
            }

            if (state.ProbeAt is { } at && (probe is null || at < probe))
            {
                probe = at;
            }
        }

        return new PollResult(true, changed, states[0].TargetDuration, manifest.MinimumUpdatePeriod ?? states[0].TargetDuration, deadline, probe);
    }

    /// <summary>The body's verdict: an analysis of a media playlist or MPD, or why there is none (an error kind).</summary>
    private static (ManifestAnalysis? Analysis, string? Kind) Classify(Fetch fetch, Uri url, DateTimeOffset now)
    {
        if (fetch.Body is not { } body)
        {
            return (null, fetch.ErrorKind ?? ErrorKinds.Invalid);
        }

        var result = fetch.Result;
        if (!Utf8.IsValid(body))
        {
            // RFC 8216bis 4.1: playlists are UTF-8; an MPD is UTF-8 XML. Bytes that are not are a broken or hostile origin.
            result.Outcome = FetchOutcome.Invalid;
            result.ErrorDetail = "the body is not valid UTF-8";
            return (null, ErrorKinds.InvalidUtf8);
        }

        var analysis = ManifestAnalyzer.Analyze(body, url, now);
        if (analysis is HlsMediaAnalysis or DashAnalysis { Manifest: not null })
        {
            return (analysis, null);
        }

        result.Outcome = FetchOutcome.Invalid;
        if (analysis is HlsMultivariantAnalysis)
        {
            result.ErrorDetail = "a multivariant playlist where a media playlist was expected";
            return (null, ErrorKinds.Invalid);
        }

        if (fetch.ContentType is { } type && !IsManifestType(type))
        {
            result.ErrorDetail = $"a {type} body that is not a playlist or MPD";
            return (null, ErrorKinds.WrongContentType);
        }

        result.ErrorDetail = "not a media playlist or MPD";
        return (null, ErrorKinds.Invalid);
    }

    /// <summary>Types a manifest may be served as: the registered ones, and the generic ones origins commonly use.</summary>
    private static bool IsManifestType(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "application/vnd.apple.mpegurl" or "application/x-mpegurl" or "audio/mpegurl" or "audio/x-mpegurl" => true,
        "application/dash+xml" or "application/xml" or "text/xml" => true,
        "text/plain" or "application/octet-stream" or "binary/octet-stream" => true,
        _ => false,
    };

    private void Failed(RenditionState state, Fetch fetch, string kind, DateTimeOffset now, string? detail = null)
    {
        var target = state.Target;
        if (detail is not null)
        {
            fetch.Result.Outcome = FetchOutcome.Invalid;
            fetch.Result.ErrorDetail = detail;
        }

        var outcome = fetch.Result.Outcome.ToLabel();
        metrics.ManifestFetch.Record(fetch.Total.TotalSeconds, metrics.FetchTags(target, outcome));
        LogFetchFailed(logger, target.StreamId, target.Cdn, target.RenditionId, kind, fetch.Result.HttpStatus, fetch.Result.ErrorDetail);
        var poll = new ManifestPoll { Ref = RefOf(target), Fetch = fetch.Result };

        // The age keeps growing through an outage: viewers see no new media either.
        TimeSpan? age = state.ChangedAt is { } changedAt ? now - changedAt : null;
        if (age is { } known)
        {
            poll.PlaylistAge = ProtoDuration.FromTimeSpan(known);
        }

        Escalate(state, now);
        sink.Write(new ProbeReport { ObservedAt = Timestamp.FromDateTimeOffset(now), Manifest = poll });
        state.Polled(poll, now, age, null, kind, fetch, Sampling(state, now));
    }

    private async Task MeasureAsync(RenditionState state, Fetch fetch, ManifestAnalysis analysis, IReadOnlyList<MediaFinding> compared, Summary summary, DateTimeOffset now, bool held, IReadOnlyList<MediaFinding> ladder, CancellationToken cancellationToken)
    {
        var target = state.Target;
        var settings = options.Value;
        var poll = new ManifestPoll { Ref = RefOf(target), Fetch = fetch.Result };
        // The response was generated between sending and its first byte: those bracket what it shows. Both are read in
        // the fetch, so a poll task that resumes late (a busy machine) does not stretch the bracket.
        var sent = fetch.Sent ?? now - fetch.Total;
        var answered = sent + (fetch.Result.Timings?.FirstByte?.ToTimeSpan() ?? fetch.Total);
        if (fetch.ServerDate is { } date)
        {
            state.ObserveServerDate(date, sent, answered);
        }

        // A blocking reload's time is mostly the server's hold, not latency: it has its own histogram.
        (held ? metrics.BlockingReload : metrics.ManifestFetch).Record(fetch.Total.TotalSeconds, metrics.FetchTags(target, "ok"));

        // Staleness follows media-sequence progress, not body bytes: a playlist re-stamped without new segments is still
        // stale to a viewer, and a $Number$ MPD that never changes is live as long as its segments advance.
        var offset = state.ServerClockOffset;
        var progressed = summary.NextMediaSequence != state.Progress;
        state.TargetDuration = summary.TargetDuration ?? state.TargetDuration;
        state.ProbeAt = null;
        if (progressed || state.ChangedAt is null)
        {
            // The age counts from the change itself, not from when this poll happened to see it (ChangeEstimate).
            DateTimeOffset? evidence = summary.LiveEdge is { } end ? end - offset : null;
            var previous = state.ChangedAt;
            state.ChangedAt = state.EstimateChange(answered, evidence, summary.Newest?.Duration ?? state.TargetDuration);
            if (progressed && previous is { } before && state.Progress is { } was && summary.NextMediaSequence is { } nextSequence
                && nextSequence > was && (summary.Newest?.Duration ?? state.TargetDuration) is { } segment)
            {
                state.ObserveUpdate(before, state.ChangedAt.Value, segment * (nextSequence - was));
            }
        }

        state.Progress = summary.NextMediaSequence;
        state.LastSentAt = sent;
        var trouble = AddFindings(poll, analysis.Findings) | AddFindings(poll, compared) | AddFindings(poll, ladder);
        var age = now - state.ChangedAt.Value;
        poll.SegmentCount = summary.SegmentCount;
        if (summary.MediaSequence is { } sequence)
        {
            poll.MediaSequence = sequence;
        }

        if (state.TargetDuration is { } targetDuration)
        {
            poll.TargetDuration = ProtoDuration.FromTimeSpan(targetDuration);
            var threshold = targetDuration * settings.StaleFactor;
            poll.Stale = analysis.IsLive && age > threshold;
            state.StaleDeadline = analysis.IsLive && !poll.Stale ? state.ChangedAt.Value + threshold : null;
        }
        else
        {
            state.StaleDeadline = null;
        }

        poll.PlaylistAge = ProtoDuration.FromTimeSpan(age);
        if (state.UpdateInterval is { } interval && state.UpdateJitter is { } jitter)
        {
            poll.UpdateInterval = ProtoDuration.FromTimeSpan(interval);
            poll.UpdateJitter = ProtoDuration.FromTimeSpan(jitter);
        }

        string? kind = null;
        if (poll.Stale)
        {
            kind = ErrorKinds.Stale;
            metrics.Error(kind);
            LogStale(logger, target.StreamId, target.Cdn, target.RenditionId, age.TotalSeconds);
            trouble = true;
        }

        if (summary.LiveEdge is { } edge)
        {
            // Both ends on the server's clock: the probe's own skew (by the Date headers) is not latency.
            poll.LiveEdgeLatency = ProtoDuration.FromTimeSpan(now + offset - edge);
        }

        long? sequencesBehind = null;
        // The origin is no CDN: it is not compared with them, nor the leader they are measured against.
        if (!target.Origin && summary.Position is { } position && summary.NextMediaSequence is { } next)
        {
            (var behind, sequencesBehind) = skew.Observe(target.StreamId, target.RenditionId, target.Cdn, new SkewTracker.Edge(position, next));
            poll.CdnSkew = ProtoDuration.FromTimeSpan(behind);
        }

        if (trouble)
        {
            Escalate(state, now);
        }

        var sampling = Sampling(state, now);
        sink.Write(new ProbeReport { ObservedAt = Timestamp.FromDateTimeOffset(now), Manifest = poll });
        state.Polled(poll, now, age, sequencesBehind, kind, fetch, sampling);
        state.LastGood = summary.Hls is { ServerControl.CanBlockReload: true } && settings.BlockingReload ? (poll, fetch) : null;
        if (sampling && progressed && summary.Newest is { } newest && newest.Sequence != state.LastSegmentFetched)
        {
            var after = state.LastSegmentFetched;
            state.LastSegmentFetched = newest.Sequence;
            if (settings.Segments == SegmentPolicy.All && after is { } last && last < newest.Sequence)
            {
                // Every segment published since the last poll, oldest first (bounded by the playlist's window).
                foreach (var segment in summary.SegmentsAfter(last))
                {
                    await FetchSegmentAsync(state, segment, head: false, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await FetchSegmentAsync(state, newest, settings.Segments == SegmentPolicy.Head, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether this rendition samples segments now: by policy, and with adaptive depth only while escalated.</summary>
    private bool Sampling(RenditionState state, DateTimeOffset now)
    {
        var settings = options.Value;
        return settings.Segments != SegmentPolicy.None && (!settings.AdaptiveDepth || state.EscalatedUntil > now);
    }

    private void Escalate(RenditionState state, DateTimeOffset now)
    {
        var settings = options.Value;
        if (settings.AdaptiveDepth)
        {
            state.EscalatedUntil = now + settings.EscalationPeriod;
        }
    }

    private async Task FetchSegmentAsync(RenditionState state, SegmentRef segment, bool head, CancellationToken cancellationToken)
    {
        var target = state.Target;
        var fetch = head
            ? await fetcher.HeadAsync(segment.Url, cancellationToken).ConfigureAwait(false)
            : await fetcher.GetAsync(segment.Url, keepBody: false, cancellationToken).ConfigureAwait(false);
        metrics.Phases(fetch, target.StreamId, target.Cdn);
        var outcome = fetch.Result.Outcome.ToLabel();
        var result = new SegmentResult
        {
            Ref = RefOf(target),
            Fetch = fetch.Result,
            MediaSequence = segment.Sequence,
            Duration = ProtoDuration.FromTimeSpan(segment.Duration),
            DeclaredBandwidthBps = target.DeclaredBandwidth,
        };
        var seconds = fetch.Total.TotalSeconds;
        if (fetch.Result.Outcome == FetchOutcome.Ok && !head && seconds > 0)
        {
            result.ThroughputBps = (long)(fetch.Result.BodyBytes * 8 / seconds);
            result.DownloadRatio = segment.Duration.TotalSeconds / seconds;
        }

        if (fetch.Result.Outcome == FetchOutcome.Ok && segment.Duration > TimeSpan.Zero)
        {
            result.MeasuredBitrateBps = (long)(fetch.Result.BodyBytes * 8 / segment.Duration.TotalSeconds);
        }
        else if (fetch.Result.Outcome != FetchOutcome.Ok)
        {
            metrics.Error("segment_" + (fetch.ErrorKind ?? outcome));
            Escalate(state, time.GetUtcNow());
        }

        metrics.SegmentFetch.Record(seconds, metrics.FetchTags(target, outcome));
        sink.Write(new ProbeReport { ObservedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()), Segment = result });
    }

    private static StreamRef RefOf(RenditionTarget target) => new() { StreamId = target.StreamId, Cdn = target.Cdn, RenditionId = target.RenditionId, Origin = target.Origin };

    /// <summary>Adds the findings; true when one of them is an error.</summary>
    private static bool AddFindings(ManifestPoll poll, IReadOnlyList<MediaFinding> findings)
    {
        var error = false;
        foreach (var finding in findings)
        {
            error |= finding.Severity == FindingSeverity.Error;
            poll.Findings.Add(new Contracts.V1.Finding
            {
                Code = finding.Code,
                Severity = finding.Severity switch
                {
                    FindingSeverity.Error => Severity.Error,
                    FindingSeverity.Warning => Severity.Warning,
                    _ => Severity.Info,
                },
                Message = finding.Message,
                Url = finding.Url?.AbsoluteUri ?? string.Empty,
                Line = finding.Line ?? 0,
            });
        }

        return error;
    }

    /// <summary>The representation with this id in the newest period that has it (ids carry across periods).</summary>
    private static DashRepresentation? Find(DashManifest manifest, string? id)
    {
        DashRepresentation? found = null;
        foreach (var representation in manifest.AllRepresentations())
        {
            if (representation.Id == id)
            {
                found = representation;
            }
        }

        return found;
    }

    private static Summary Summarize(ManifestAnalysis analysis)
    {
        if (analysis is not HlsMediaAnalysis { Playlist: var playlist })
        {
            return default;
        }

        TimeSpan? targetDuration = playlist.TargetDuration is > 0 and var t ? TimeSpan.FromSeconds(t) : null;
        SegmentRef? newest = null;
        DateTimeOffset? edge = null;
        TimeSpan? position = null;
        if (playlist.NewestSegment is { } segment)
        {
            var duration = TimeSpan.FromSeconds(segment.Duration);
            if (segment.Uri is { } uri)
            {
                newest = new SegmentRef(uri, segment.MediaSequence, duration);
            }

            if (segment.ProgramDateTime is { } pdt)
            {
                edge = pdt + duration;
                position = edge.Value - DateTimeOffset.UnixEpoch;
            }
        }

        // Without PROGRAM-DATE-TIME, compare CDNs by media sequence: each segment is about one target duration.
        position ??= targetDuration * playlist.NextMediaSequence;
        return new Summary(playlist.MediaSequence, playlist.NextMediaSequence, playlist.Segments.Count, targetDuration, edge, position, newest, playlist, null);
    }

    private static Summary SummarizeRepresentation(DashAnalysis dash, DashManifest manifest, DashRepresentation representation, DateTimeOffset now)
    {
        var window = dash.GetSegments(representation, now);
        var segments = window.Segments;
        if (segments.Count == 0)
        {
            return new Summary(null, null, 0, manifest.MaxSegmentDuration ?? manifest.MinimumUpdatePeriod, null, null, null, null, window);
        }

        var last = segments[^1];
        var edge = window.LiveEdge;
        return new Summary(
            last.Number,
            last.Number + 1,
            segments.Count,
            manifest.MaxSegmentDuration ?? last.Duration,
            edge,
            edge is { } e ? e - DateTimeOffset.UnixEpoch : last.Duration * (last.Number + 1),
            new SegmentRef(last.Url, last.Number, last.Duration),
            null,
            window);
    }

    private readonly record struct SegmentRef(Uri Url, long Sequence, TimeSpan Duration);

    private readonly record struct Summary(
        long? MediaSequence,
        long? NextMediaSequence,
        int SegmentCount,
        TimeSpan? TargetDuration,
        DateTimeOffset? LiveEdge,
        TimeSpan? Position,
        SegmentRef? Newest,
        HlsMediaPlaylist? Hls,
        DashSegmentWindow? Dash)
    {
        /// <summary>Segments newer than <paramref name="after"/>, oldest first.</summary>
        public List<SegmentRef> SegmentsAfter(long after)
        {
            var list = new List<SegmentRef>();
            if (Hls is { } playlist)
            {
                foreach (var segment in playlist.Segments)
                {
                    if (segment.MediaSequence > after && segment.Uri is { } uri)
                    {
                        list.Add(new SegmentRef(uri, segment.MediaSequence, TimeSpan.FromSeconds(segment.Duration)));
                    }
                }
            }
            else if (Dash is { } window)
            {
                foreach (var segment in window.Segments)
                {
                    if (segment.Number > after)
                    {
                        list.Add(new SegmentRef(segment.Url, segment.Number, segment.Duration));
                    }
                }
            }

            return list;
        }
    }
}
