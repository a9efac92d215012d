using Google.Protobuf.WellKnownTypes;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Tests.Lifecycle;

public sealed class AllocationTests
{
    [Fact]
    public void Ingest_InSteadyState_AllocatesNothing()
    {
        using var harness = new EngineHarness();
        var manifest = new ProbeReport
        {
            Manifest = new ManifestPoll
            {
                Ref = new StreamRef { StreamId = "final-hindi", Cdn = "cdn-a", RenditionId = "720p" },
                Fetch = new FetchResult { Outcome = FetchOutcome.Ok, HttpStatus = 200 },
                TargetDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(6)),
                PlaylistAge = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)),
                LiveEdgeLatency = Duration.FromTimeSpan(TimeSpan.FromSeconds(12)),
                CdnSkew = Duration.FromTimeSpan(TimeSpan.Zero),
                Findings = { new Finding { Code = "HLS-EXTINF-EXCEEDS-TARGET", Severity = Severity.Warning } },
            },
        };
        var segment = new ProbeReport
        {
            Segment = new SegmentResult
            {
                Ref = new StreamRef { StreamId = "final-hindi", Cdn = "cdn-a", RenditionId = "720p" },
                Fetch = new FetchResult { Outcome = FetchOutcome.Ok, Timings = new FetchTimings { Total = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) } },
                Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(6)),
            },
        };
        for (var i = 0; i < 10; i++)
        {
            harness.Engine.Ingest(manifest);
            harness.Engine.Ingest(segment);
            harness.Advance(3);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            harness.Engine.Ingest(manifest);
            harness.Engine.Ingest(segment);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
