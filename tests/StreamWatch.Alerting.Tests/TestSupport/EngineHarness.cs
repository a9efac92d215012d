using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Rules;
using StreamWatch.Contracts.V1;
using StreamWatch.Testing.Time;
using Alert = StreamWatch.Alerting.Lifecycle.Alert;

namespace StreamWatch.Alerting.Tests.TestSupport;

/// <summary>An engine on a manual clock, fed synthetic probe reports.</summary>
internal sealed class EngineHarness : IDisposable
{
    public const string StreamId = "final-hindi";

    private readonly TestMeterFactory _meters = new();

    public EngineHarness(Action<AlertRulesOptions>? configureRules = null, AlertingOptions? options = null, IAlertEventSink? firstSink = null)
    {
        var rules = new AlertRulesOptions();
        configureRules?.Invoke(rules);
        Options = options ?? new AlertingOptions();
        Metrics = new AlertingMetrics(_meters);
        Engine = new AlertEngine(Time, Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(rules), Metrics, firstSink is null ? [Sink] : [firstSink, Sink], NullLogger<AlertEngine>.Instance);
    }

    public ManualTimeProvider Time { get; } = new();

    public RecordingSink Sink { get; } = new();

    public AlertingOptions Options { get; }

    internal AlertingMetrics Metrics { get; }

    /// <summary>The meter factory of this harness alone, so listeners can ignore tests running alongside.</summary>
    internal TestMeterFactory MeterFactory => _meters;

    internal AlertEngine Engine { get; }

    public void Advance(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>One manifest poll of <paramref name="cdn"/>.</summary>
    public void Poll(
        string cdn,
        double age = 2,
        double targetDuration = 6,
        FetchOutcome outcome = FetchOutcome.Ok,
        string rendition = "720p",
        string stream = StreamId,
        double? latency = null,
        double? skew = null,
        bool origin = false,
        params string[] liveErrors)
    {
        var poll = new ManifestPoll
        {
            Ref = new StreamRef { StreamId = stream, Cdn = cdn, RenditionId = rendition, Origin = origin },
            Fetch = new FetchResult { Outcome = outcome, HttpStatus = outcome == FetchOutcome.Ok ? 200 : 503 },
            MediaSequence = 100,
            TargetDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(targetDuration)),
            PlaylistAge = Duration.FromTimeSpan(TimeSpan.FromSeconds(age)),
            Stale = age > 1.5 * targetDuration,
            SegmentCount = 5,
        };
        if (latency is { } l)
        {
            poll.LiveEdgeLatency = Duration.FromTimeSpan(TimeSpan.FromSeconds(l));
        }

        if (skew is { } s)
        {
            poll.CdnSkew = Duration.FromTimeSpan(TimeSpan.FromSeconds(s));
        }

        foreach (var code in liveErrors)
        {
            poll.Findings.Add(new Finding { Code = code, Severity = Severity.Error, Message = code });
        }

        Engine.Ingest(new ProbeReport { ObservedAt = Timestamp.FromDateTimeOffset(Time.GetUtcNow()), Manifest = poll });
    }

    /// <summary>One manifest poll of the stream's origin source (reported as cdn <c>origin</c> with <c>StreamRef.origin</c>).</summary>
    public void OriginPoll(double age = 2, double targetDuration = 6, FetchOutcome outcome = FetchOutcome.Ok, string rendition = "720p")
        => Poll("origin", age, targetDuration, outcome, rendition, origin: true);

    /// <summary>One segment download of <paramref name="cdn"/>.</summary>
    public void Segment(string cdn, bool ok = true, double downloadSeconds = 1, double duration = 6, string rendition = "720p", string stream = StreamId)
    {
        var segment = new SegmentResult
        {
            Ref = new StreamRef { StreamId = stream, Cdn = cdn, RenditionId = rendition },
            Fetch = new FetchResult
            {
                Outcome = ok ? FetchOutcome.Ok : FetchOutcome.HttpError,
                HttpStatus = ok ? 200 : 404,
                Timings = new FetchTimings { Total = Duration.FromTimeSpan(TimeSpan.FromSeconds(downloadSeconds)) },
            },
            MediaSequence = 100,
            Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(duration)),
        };
        Engine.Ingest(new ProbeReport { ObservedAt = Timestamp.FromDateTimeOffset(Time.GetUtcNow()), Segment = segment });
    }

    /// <summary>The current alert of <paramref name="rule"/> on <paramref name="cdn"/> (any rendition), or null.</summary>
    public Alert? AlertOf(string rule, string cdn = "")
    {
        foreach (var alert in Engine.GetAlerts())
        {
            if (alert.Rule == rule && alert.Cdn == cdn)
            {
                return alert;
            }
        }

        return null;
    }

    public void Dispose() => _meters.Dispose();
}
