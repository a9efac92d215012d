using System.Diagnostics;
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
/// One poll of one rendition: fetch, parse, compare with the previous poll, judge staleness, live edge and cross-CDN
/// skew, download the newest segment, then report and record metrics. Every expected failure ends as data.
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
    public async Task<PollResult> PollAsync(RenditionState state, CancellationToken cancellationToken)
    {
        var target = state.Target;
        var settings = options.Value;
        var fetch = await fetcher.GetAsync(target.Url, keepBody: true, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var poll = new ManifestPoll { Ref = RefOf(target), Fetch = fetch.Result };
        ManifestAnalysis? analysis = null;
        if (fetch.Body is { } body)
        {
            analysis = ManifestAnalyzer.Analyze(body, target.Url, now);
            if (analysis is not HlsMediaAnalysis and not DashAnalysis { Manifest: not null })
            {
                fetch.Result.Outcome = FetchOutcome.Invalid;
                fetch.Result.ErrorDetail = analysis is HlsMultivariantAnalysis ? "a multivariant playlist where a media playlist was expected" : "not a media playlist or MPD";
                analysis = null;
            }
        }

        var outcome = RenditionState.OutcomeName(fetch.Result.Outcome);
        var tags = new TagList { { "stream", target.StreamId }, { "cdn", target.Cdn }, { "rendition", target.RenditionId }, { "result", outcome } };
        metrics.ManifestFetch.Record(fetch.Total.TotalSeconds, tags);
        PollResult result;
        TimeSpan? age = null;
        long? sequencesBehind = null;
        if (analysis is null)
        {
            metrics.Errors.Add(1, new KeyValuePair<string, object?>("kind", outcome));
            LogFetchFailed(logger, target.StreamId, target.Cdn, target.RenditionId, outcome, fetch.Result.HttpStatus, fetch.Result.ErrorDetail);
            result = new PollResult(false, false, state.TargetDuration, null);
        }
        else
        {
            var changed = state.PreviousBody is null || !state.PreviousBody.AsSpan().SequenceEqual(fetch.Body);
            if (changed || state.ChangedAt is null)
            {
                state.ChangedAt = now;
            }

            AddFindings(poll, analysis.Findings);
            if (state.Previous is { } previous && changed)
            {
                AddFindings(poll, ManifestAnalyzer.Compare(previous, analysis));
            }

            age = now - state.ChangedAt.Value;
            var summary = Summarize(analysis, now);
            state.TargetDuration = summary.TargetDuration ?? state.TargetDuration;
            poll.SegmentCount = summary.SegmentCount;
            if (summary.MediaSequence is { } sequence)
            {
                poll.MediaSequence = sequence;
            }

            if (state.TargetDuration is { } targetDuration)
            {
                poll.TargetDuration = ProtoDuration.FromTimeSpan(targetDuration);
                poll.Stale = analysis.IsLive && age > targetDuration * settings.StaleFactor;
            }

            poll.PlaylistAge = ProtoDuration.FromTimeSpan(age.Value);
            var seriesTags = new TagList { { "stream", target.StreamId }, { "cdn", target.Cdn }, { "rendition", target.RenditionId } };
            metrics.PlaylistAge.Record(age.Value.TotalSeconds, seriesTags);
            if (poll.Stale)
            {
                metrics.Errors.Add(1, new KeyValuePair<string, object?>("kind", "stale"));
                LogStale(logger, target.StreamId, target.Cdn, target.RenditionId, age.Value.TotalSeconds);
            }

            if (summary.LiveEdge is { } edge)
            {
                var latency = now - edge;
                poll.LiveEdgeLatency = ProtoDuration.FromTimeSpan(latency);
                metrics.LiveEdgeLatency.Record(latency.TotalSeconds, seriesTags);
            }

            if (summary.Position is { } position && summary.NextMediaSequence is { } next)
            {
                (var behind, sequencesBehind) = skew.Observe(target.StreamId, target.RenditionId, target.Cdn, new SkewTracker.Edge(position, next));
                poll.CdnSkew = ProtoDuration.FromTimeSpan(behind);
                metrics.CdnSkew.Record(behind.TotalSeconds, seriesTags);
            }

            state.Previous = analysis;
            state.PreviousBody = fetch.Body;
            result = new PollResult(true, changed, state.TargetDuration, analysis is DashAnalysis dash ? dash.Manifest!.MinimumUpdatePeriod ?? state.TargetDuration : null);
            sink.Write(new ProbeReport { ObservedAt = Timestamp.FromDateTimeOffset(now), Manifest = poll });
            state.Polled(poll, now, age, sequencesBehind);
            if (changed && settings.Segments != SegmentPolicy.None && summary.Newest is { } newest && newest.Sequence != state.LastSegmentFetched)
            {
                var after = state.LastSegmentFetched;
                state.LastSegmentFetched = newest.Sequence;
                if (settings.Segments == SegmentPolicy.All && after is { } last && last < newest.Sequence)
                {
                    // Every segment published since the last poll, oldest first (bounded by the playlist's window).
                    foreach (var segment in SegmentsAfter(analysis, last, now))
                    {
                        await FetchSegmentAsync(target, segment, head: false, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    await FetchSegmentAsync(target, newest, settings.Segments == SegmentPolicy.Head, cancellationToken).ConfigureAwait(false);
                }
            }

            return result;
        }

        sink.Write(new ProbeReport { ObservedAt = Timestamp.FromDateTimeOffset(now), Manifest = poll });
        state.Polled(poll, now, age, sequencesBehind);
        return result;
    }

    private async Task FetchSegmentAsync(RenditionTarget target, SegmentRef segment, bool head, CancellationToken cancellationToken)
    {
        var fetch = head
            ? await fetcher.HeadAsync(segment.Url, cancellationToken).ConfigureAwait(false)
            : await fetcher.GetAsync(segment.Url, keepBody: false, cancellationToken).ConfigureAwait(false);
        var outcome = RenditionState.OutcomeName(fetch.Result.Outcome);
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
            metrics.Errors.Add(1, new KeyValuePair<string, object?>("kind", "segment_" + outcome));
        }

        metrics.SegmentFetch.Record(seconds, new TagList { { "stream", target.StreamId }, { "cdn", target.Cdn }, { "rendition", target.RenditionId }, { "result", outcome } });
        sink.Write(new ProbeReport { ObservedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()), Segment = result });
    }

    private static StreamRef RefOf(RenditionTarget target) => new() { StreamId = target.StreamId, Cdn = target.Cdn, RenditionId = target.RenditionId };

    private static void AddFindings(ManifestPoll poll, IReadOnlyList<MediaFinding> findings)
    {
        foreach (var finding in findings)
        {
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
    }

    private static List<SegmentRef> SegmentsAfter(ManifestAnalysis analysis, long after, DateTimeOffset now)
    {
        var segments = new List<SegmentRef>();
        switch (analysis)
        {
            case HlsMediaAnalysis { Playlist: var playlist }:
                foreach (var segment in playlist.Segments)
                {
                    if (segment.MediaSequence > after && segment.Uri is { } uri)
                    {
                        segments.Add(new SegmentRef(uri, segment.MediaSequence, TimeSpan.FromSeconds(segment.Duration)));
                    }
                }

                break;
            case DashAnalysis { Manifest: { } manifest } dash:
                foreach (var representation in manifest.AllRepresentations())
                {
                    foreach (var segment in dash.GetSegments(representation, now).Segments)
                    {
                        if (segment.Number > after)
                        {
                            segments.Add(new SegmentRef(segment.Url, segment.Number, segment.Duration));
                        }
                    }

                    break;
                }

                break;
        }

        return segments;
    }

    private static Summary Summarize(ManifestAnalysis analysis, DateTimeOffset now)
    {
        switch (analysis)
        {
            case HlsMediaAnalysis { Playlist: var playlist }:
            {
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
                return new Summary(playlist.MediaSequence, playlist.NextMediaSequence, playlist.Segments.Count, targetDuration, edge, position, newest);
            }

            case DashAnalysis { Manifest: { } manifest } dash:
            {
                var edge = dash.GetLiveEdge(now);
                var segments = 0;
                long? newestNumber = null;
                TimeSpan? longest = manifest.MaxSegmentDuration;
                SegmentRef? newest = null;
                foreach (var representation in manifest.AllRepresentations())
                {
                    // The first representation stands for the MPD: one poll target per MPD in this slice.
                    var window = dash.GetSegments(representation, now);
                    segments = window.Segments.Count;
                    if (segments > 0)
                    {
                        var last = window.Segments[segments - 1];
                        newestNumber = last.Number;
                        longest ??= last.Duration;
                        newest = new SegmentRef(last.Url, last.Number, last.Duration);
                    }

                    break;
                }

                return new Summary(newestNumber, newestNumber + 1, segments, longest, edge, edge - DateTimeOffset.UnixEpoch, newest);
            }

            default:
                return default;
        }
    }

    private readonly record struct SegmentRef(Uri Url, long Sequence, TimeSpan Duration);

    private readonly record struct Summary(
        long? MediaSequence,
        long? NextMediaSequence,
        int SegmentCount,
        TimeSpan? TargetDuration,
        DateTimeOffset? LiveEdge,
        TimeSpan? Position,
        SegmentRef? Newest);
}
