using StreamWatch.Media;

namespace StreamWatch.Lab.Tests.Streams;

/// <summary>
/// A healthy synthetic Lab, watched for ten simulated minutes with the manual clock (one poll per
/// segment duration), gives the media engine nothing to complain about: no error findings in any
/// document, and no error-level LIVE findings between consecutive snapshots.
/// </summary>
public sealed class EngineConformanceTests
{
    private static readonly string[] Renditions = ["1080p", "720p", "480p", "360p", "audio"];

    public static TheoryData<string, string[]> Configurations => new()
    {
        { "plain", [] },
        { "ads, discontinuities, LL-HLS", ["--Lab:AdBreakInterval=00:01:00", "--Lab:AdBreakDuration=00:00:20", "--Lab:DiscontinuityEvery=25", "--Lab:LowLatency=true"] },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task HealthyHls_OverTenMinutes_HasNoErrorFindings(string name, string[] args)
    {
        _ = name;
        await using var lab = await LabServer.StartAsync(args);
        await WatchAsync(lab, [.. Renditions.Select(r => $"cdn-a/stream-1/{r}/index.m3u8")], withMultivariant: true);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task HealthyDash_OverTenMinutes_HasNoErrorFindings(string name, string[] args)
    {
        _ = name;
        await using var lab = await LabServer.StartAsync(args);
        await WatchAsync(lab, ["cdn-a/stream-1/manifest.mpd", "cdn-a/stream-1/manifest-number.mpd"], withMultivariant: false);
    }

    private static async Task WatchAsync(LabServer lab, string[] documents, bool withMultivariant)
    {
        var previous = new Dictionary<string, ManifestAnalysis>();
        var step = TimeSpan.FromSeconds(2);
        for (var elapsed = TimeSpan.Zero; elapsed <= TimeSpan.FromMinutes(10); elapsed += step)
        {
            var problems = new List<Finding>();
            var at = lab.Clock.GetUtcNow();
            var media = new List<ManifestAnalysis>();
            foreach (var path in documents)
            {
                var analysis = MediaEngine.Analyze(await lab.GetBytesAsync(path), new Uri(lab.Address, path), at);
                Assert.True(analysis.IsLive, path);
                problems.AddRange(analysis.Findings.Where(f => f.Severity == FindingSeverity.Error));
                Assert.NotEmpty(analysis.Playlists);
                foreach (var playlist in analysis.Playlists)
                {
                    Assert.True(playlist.Segments > 0, $"{path}: no segments at {at:O}");
                }

                if (previous.TryGetValue(path, out var before))
                {
                    problems.AddRange(MediaEngine.Compare(before, analysis).Where(f => f.Severity == FindingSeverity.Error));
                }

                previous[path] = analysis;
                media.Add(analysis);
            }

            if (withMultivariant)
            {
                var multivariant = MediaEngine.Analyze(await lab.GetBytesAsync("cdn-a/stream-1/master.m3u8"), new Uri(lab.Address, "cdn-a/stream-1/master.m3u8"), at);
                Assert.Equal(ManifestKind.HlsMultivariant, multivariant.Kind);
                problems.AddRange(multivariant.Findings.Where(f => f.Severity == FindingSeverity.Error));
                problems.AddRange(MediaEngine.CrossCheck(multivariant, media).Where(f => f.Severity == FindingSeverity.Error));
            }

            Assert.True(problems.Count == 0, $"at {at:O}:\n{MediaEngine.Describe(problems)}");
            lab.Clock.Advance(step);
        }
    }
}
