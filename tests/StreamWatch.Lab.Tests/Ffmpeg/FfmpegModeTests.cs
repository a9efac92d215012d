using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StreamWatch.Lab.Ffmpeg;
using StreamWatch.Lab.Tests.Streams;
using StreamWatch.Media;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Lab.Tests.Ffmpeg;

/// <summary>ffmpeg mode against the real encoder. Slow by nature: about 90 seconds of real time.</summary>
public sealed class FfmpegModeTests
{
    private static readonly string[] MediaPlaylists = ["360p/index.m3u8", "180p/index.m3u8", "audio/index.m3u8"];

    [Fact]
    [Trait("Duration", "~90s (60 s of real ffmpeg output)")]
    public async Task FfmpegMode_Over60RealSeconds_ServesLiveHlsAndDashWithNoErrorFindings_ThroughFaultsAndAnEncoderCrash()
    {
        var ffmpeg = Binaries.Require("ffmpeg", "ffmpeg");
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabServer.StartAsync(realClock: true, "--mode", "ffmpeg", "--streams", "1", $"--Lab:Ffmpeg:Path={ffmpeg}", "--Lab:Ffmpeg:RestartDelay=00:00:01");
        // ffmpeg writes each document when its first segments are done, in no fixed order: wait for every one the loop reads.
        foreach (var path in MediaPlaylists.Append("manifest.mpd").Append("master.m3u8"))
        {
            await WaitForAsync(lab, "cdn-a/stream-1/" + path, TimeSpan.FromSeconds(30));
        }

        var previous = new Dictionary<string, ManifestAnalysis>();
        var problems = new List<string>();
        var watch = Stopwatch.StartNew();
        var polls = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var now = DateTimeOffset.UtcNow;
            var multivariant = MediaEngine.Analyze(await lab.GetBytesAsync("cdn-a/stream-1/master.m3u8"), new Uri(lab.Address, "cdn-a/stream-1/master.m3u8"), now);
            Collect(problems, "master", multivariant.Findings);
            var media = new List<ManifestAnalysis>();
            foreach (var path in MediaPlaylists.Append("manifest.mpd"))
            {
                var url = new Uri(lab.Address, "cdn-a/stream-1/" + path);
                var analysis = MediaEngine.Analyze(await lab.GetBytesAsync(url.PathAndQuery.TrimStart('/')), url, DateTimeOffset.UtcNow);
                Assert.True(analysis.IsLive, path);
                Collect(problems, path, analysis.Findings);
                if (previous.TryGetValue(path, out var before))
                {
                    Collect(problems, path + " (vs previous)", MediaEngine.Compare(before, analysis));
                }

                previous[path] = analysis;
                if (path.EndsWith(".m3u8", StringComparison.Ordinal))
                {
                    media.Add(analysis);
                }
            }

            Collect(problems, "cross-check", MediaEngine.CrossCheck(multivariant, media));
            var playlist = await lab.GetStringAsync("cdn-b/stream-1/360p/index.m3u8");
            var segment = await lab.GetBytesAsync("cdn-b/stream-1/360p/" + Playlists.SegmentUris(playlist)[^1]);
            Assert.Equal(0x47, segment[0]);
            polls++;
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems.Distinct()));
        // How many polls fit in 60 s depends on the machine; what matters is that the stream was read again and again.
        Assert.True(polls >= 5, $"only {polls} polls in 60 s");

        // Faults go through the same edges: cdn-a errors, cdn-b freezes, and each leaves the other alone.
        await lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "http-error", status = 503, target = "manifest" });
        await lab.InjectAsync(new { cdn = "cdn-b", stream = "stream-1", kind = "stale" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await lab.GetAsync("cdn-a/stream-1/360p/index.m3u8")).StatusCode);
        var frozen = await lab.GetStringAsync("cdn-b/stream-1/360p/index.m3u8");
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        Assert.Equal(frozen, await lab.GetStringAsync("cdn-b/stream-1/360p/index.m3u8"));
        using (await lab.Http.DeleteAsync("lab/faults", ct))
        {
        }

        Assert.NotEqual(frozen, await lab.GetStringAsync("cdn-b/stream-1/360p/index.m3u8"));

        // Timeline faults rewrite ffmpeg's own playlists: lag from the kept history, skew and regression in the text.
        var lag = await lab.InjectAsync(new { cdn = "cdn-b", stream = "stream-1", kind = "lag", segments = 3 });
        var behind = Playlists.MediaSequence(await lab.GetStringAsync("cdn-a/stream-1/360p/index.m3u8")) - Playlists.MediaSequence(await lab.GetStringAsync("cdn-b/stream-1/360p/index.m3u8"));
        Assert.InRange(behind, 2, 4);
        using (await lab.Http.DeleteAsync($"lab/faults/{lag}", ct))
        {
        }

        await lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "clock-skew", offset = "-30s" });
        await lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "sequence-regression", segments = 5 });
        var skewed = await lab.GetStringAsync("cdn-a/stream-1/360p/index.m3u8");
        var honest = await lab.GetStringAsync("cdn-b/stream-1/360p/index.m3u8");
        Assert.InRange(Playlists.MediaSequence(honest) - Playlists.MediaSequence(skewed), 4, 6);
        var offset = Playlists.FirstProgramDateTime(skewed) - Playlists.FirstProgramDateTime(honest);
        Assert.InRange(offset.TotalSeconds, -32.5, -27.5);
        using (await lab.Http.DeleteAsync("lab/faults", ct))
        {
        }

        // A crashed encoder is restarted and the stream comes back, counting up.
        var origin = lab.Services.GetRequiredService<FfmpegOrigin>();
        var state = origin.States["stream-1"];
        var sequenceBefore = Playlists.MediaSequence(await lab.GetStringAsync("cdn-a/stream-1/360p/index.m3u8"));
        var restartsBefore = Volatile.Read(ref state.Restarts);
        Assert.True(restartsBefore == 0, $"ffmpeg died on its own during the run; stderr tail:\n{state.Tail}");
        var pid = state.ProcessId;
        for (var i = 0; i < 50 && pid == 0; i++)
        {
            await Task.Delay(200, ct);
            pid = state.ProcessId;
        }

        // Pid 0 would signal our whole process group: only ever kill a pid that is our encoder.
        Assert.NotEqual(0, pid);
        using (var encoder = Process.GetProcessById(pid))
        {
            Assert.Equal("ffmpeg", encoder.ProcessName); // never signal anything but our own encoder
            encoder.Kill();
        }

        var restarted = Stopwatch.StartNew();
        while (Volatile.Read(ref state.Restarts) == restartsBefore || !state.Running)
        {
            Assert.True(restarted.Elapsed < TimeSpan.FromSeconds(20), "ffmpeg was not restarted");
            await Task.Delay(200, ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(6), ct);
        Assert.True(Playlists.MediaSequence(await lab.GetStringAsync("cdn-a/stream-1/360p/index.m3u8")) > sequenceBefore);
    }

    [Fact]
    [Trait("Duration", "~20s (real ffmpeg output)")]
    public async Task FfmpegMode_Fmp4Segments_ServesInitAndMediaSegmentsThroughTheEdges()
    {
        var ffmpeg = Binaries.Require("ffmpeg", "ffmpeg");
        await using var lab = await LabServer.StartAsync(realClock: true, "--mode", "ffmpeg", "--streams", "1", $"--Lab:Ffmpeg:Path={ffmpeg}", "--Lab:Ffmpeg:SegmentType=fmp4");
        await WaitForAsync(lab, "cdn-a/stream-1/180p/index.m3u8", TimeSpan.FromSeconds(30));

        var playlist = await lab.GetStringAsync("cdn-b/stream-1/180p/index.m3u8");
        var map = Playlists.Tag(playlist, "#EXT-X-MAP:URI=\"")!.TrimEnd('"');
        using var init = await lab.GetAsync("cdn-b/stream-1/180p/" + map);
        Assert.Equal("video/mp4", init.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ftyp"u8.ToArray(), (await init.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken))[4..8]);
        var segment = await lab.GetBytesAsync("cdn-b/stream-1/180p/" + Playlists.SegmentUris(playlist)[^1]);
        Assert.Contains(System.Text.Encoding.ASCII.GetString(segment[4..8]), new[] { "styp", "moof" });

        var analysis = MediaEngine.Analyze(System.Text.Encoding.UTF8.GetBytes(playlist), new Uri(lab.Address, "cdn-b/stream-1/180p/index.m3u8"), DateTimeOffset.UtcNow);
        Assert.DoesNotContain(analysis.Findings, f => f.Severity == FindingSeverity.Error);
    }

    private static void Collect(List<string> problems, string where, IEnumerable<Finding> findings)
        => problems.AddRange(findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => $"{where}: {f.Code} {f.Message}"));

    private static async Task WaitForAsync(LabServer lab, string path, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await lab.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(watch.Elapsed < limit, $"{path} did not appear within {limit}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }
}
