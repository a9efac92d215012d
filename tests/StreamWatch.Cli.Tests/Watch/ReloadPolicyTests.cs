using System.Text;
using StreamWatch.Cli.Tests.Support;
using StreamWatch.Cli.Watch;
using StreamWatch.Media;

namespace StreamWatch.Cli.Tests.Watch;

public sealed class ReloadPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(true, 6_000)]
    [InlineData(false, 3_000)]
    public void AfterPoll_HlsMediaPlaylist_FollowsRfc8216bisReloadRule(bool changed, int expectedMilliseconds)
    {
        var analysis = Analyze(Playlists.LiveMedia(1, targetDuration: 6));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), ReloadPolicy.AfterPoll(analysis, changed));
    }

    [Fact]
    public void AfterPoll_DashWithZeroMinimumUpdatePeriod_WaitsAtLeastTheFloor()
    {
        const string Mpd = """
            <?xml version="1.0"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" profiles="urn:mpeg:dash:profile:isoff-live:2011"
                 availabilityStartTime="2026-11-21T19:00:00Z" minimumUpdatePeriod="PT0S" minBufferTime="PT2S">
              <Period id="p0" start="PT0S">
                <AdaptationSet mimeType="video/mp4" segmentAlignment="true">
                  <SegmentTemplate timescale="1000" duration="2000" media="$Number$.m4s" initialization="init.mp4" startNumber="1"/>
                  <Representation id="v" bandwidth="1000000" codecs="avc1.64001f" width="1280" height="720"/>
                </AdaptationSet>
              </Period>
            </MPD>
            """;

        Assert.Equal(ReloadPolicy.DashFloor, ReloadPolicy.AfterPoll(Analyze(Mpd), changed: true));
    }

    [Fact]
    public void AfterFailure_WithoutTargetDuration_RetriesAfterDefault()
    {
        Assert.Equal(ReloadPolicy.DefaultRetry, ReloadPolicy.AfterFailure(null));
        Assert.Equal(TimeSpan.FromSeconds(2), ReloadPolicy.AfterFailure(TimeSpan.FromSeconds(4)));
    }

    private static ManifestAnalysis Analyze(string text)
        => ManifestAnalyzer.Analyze(Encoding.UTF8.GetBytes(text), new Uri("http://cdn.example/live/x"), Now);
}
