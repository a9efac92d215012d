using System.Text;
using StreamWatch.Media;
using StreamWatch.Probe.Discovery;

namespace StreamWatch.Probe.Tests.Discovery;

public sealed class RenditionDiscoveryTests
{
    private static readonly Uri Master = new("https://a.example/s/master.m3u8");

    [Fact]
    public void Multivariant_GivesOneTargetPerVariantAndAudioRendition_WithUniqueLabelSafeIds()
    {
        const string text = """
            #EXTM3U
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",LANGUAGE="en",DEFAULT=YES,URI="audio/en.m3u8"
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="Hindi Commentary",URI="audio/hi.m3u8"
            #EXT-X-STREAM-INF:BANDWIDTH=5000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",AUDIO="aac"
            720/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",AUDIO="aac"
            720-low/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS="avc1.64001f,mp4a.40.2",AUDIO="aac"
            low/index.m3u8

            """;
        var analysis = ManifestAnalyzer.Analyze(Encoding.UTF8.GetBytes(text), Master, DateTimeOffset.UnixEpoch);

        var targets = RenditionDiscovery.Discover("final-hindi", "cdn-a", Master, analysis);

        Assert.Equal(["720p", "720p-2", "800k", "audio-en", "audio-hindi-commentary"], targets.Select(t => t.RenditionId));
        Assert.Equal(new Uri("https://a.example/s/720-low/index.m3u8"), targets[1].Url);
        Assert.Equal(3_000_000, targets[1].DeclaredBandwidth);
        Assert.All(targets, t => Assert.Equal("final-hindi/cdn-a/" + t.RenditionId, t.Key));
    }

    [Fact]
    public void MediaPlaylist_IsPolledAsItIs()
    {
        var analysis = ManifestAnalyzer.Analyze("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\ns1.ts\n"u8, Master, DateTimeOffset.UnixEpoch);

        var target = Assert.Single(RenditionDiscovery.Discover("s", "cdn-a", Master, analysis));

        Assert.Equal("main", target.RenditionId);
        Assert.Equal(Master, target.Url);
    }

    [Fact]
    public void SomethingElse_GivesNoTargets()
        => Assert.Empty(RenditionDiscovery.Discover("s", "cdn-a", Master, ManifestAnalyzer.Analyze("<html/>"u8, Master, DateTimeOffset.UnixEpoch)));
}
