using StreamWatch.Media;

namespace StreamWatch.Lab.Tests.Streams;

/// <summary>Faults the Lab injects are the ones the media engine is built to catch: drills exercise real detections.</summary>
public sealed class FaultsSeenByEngineTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"sequence-regression","segments":3}""", "cdn-a/stream-1/720p/index.m3u8", "LIVE-MEDIA-SEQUENCE-REGRESSION" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"discontinuity-storm"}""", "cdn-a/stream-1/720p/index.m3u8", "LIVE-" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"clock-skew","offset":"30s"}""", "cdn-a/stream-1/720p/index.m3u8", "LIVE-PROGRAM-DATE-TIME-JUMP" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"clock-skew","offset":"30s"}""", "cdn-a/stream-1/manifest.mpd", "LIVE-AVAILABILITY-START-CHANGED" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"sequence-reset"}""", "cdn-a/stream-1/720p/index.m3u8", "LIVE-" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InjectedFault_ShowsUpInTheEnginesComparison(string fault, string path, string expectedCodePrefix)
    {
        await using var lab = await LabServer.StartAsync();
        var url = new Uri(lab.Address, path);
        var before = MediaEngine.Analyze(await lab.GetBytesAsync(path), url, lab.Clock.GetUtcNow());
        using (var content = new StringContent(fault, System.Text.Encoding.UTF8, "application/json"))
        {
            using var posted = await lab.Http.PostAsync("lab/faults", content, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);
        }

        lab.Clock.Advance(TimeSpan.FromSeconds(2));
        var after = MediaEngine.Analyze(await lab.GetBytesAsync(path), url, lab.Clock.GetUtcNow());
        var findings = MediaEngine.Compare(before, after).Concat(after.Findings).ToArray();

        Assert.True(
            findings.Any(f => f.Code.StartsWith(expectedCodePrefix, StringComparison.Ordinal) && f.Severity >= FindingSeverity.Warning),
            $"expected {expectedCodePrefix}…, got:\n{MediaEngine.Describe(findings)}");
    }

    [Fact]
    public async Task HealthyOutput_HasNoWarningsEither()
    {
        await using var lab = await LabServer.StartAsync("--Lab:AdBreakInterval=00:01:00", "--Lab:AdBreakDuration=00:00:20", "--Lab:LowLatency=true");
        var findings = new List<Finding>();
        foreach (var path in new[] { "cdn-a/stream-1/master.m3u8", "cdn-a/stream-1/720p/index.m3u8", "cdn-a/stream-1/audio/index.m3u8", "cdn-a/stream-1/manifest.mpd", "cdn-a/stream-1/manifest-number.mpd" })
        {
            for (var i = 0; i < 40; i++)
            {
                findings.AddRange(MediaEngine.Analyze(await lab.GetBytesAsync(path), new Uri(lab.Address, path), lab.Clock.GetUtcNow()).Findings);
                lab.Clock.Advance(TimeSpan.FromSeconds(2));
            }
        }

        Assert.True(!findings.Any(f => f.Severity >= FindingSeverity.Warning), MediaEngine.Describe(findings.DistinctBy(f => f.Code)));
    }
}
