using StreamWatch.Cli.Drill;

namespace StreamWatch.Cli.Tests.Drill;

public sealed class DrillObservationTests
{
    [Theory]
    [InlineData("http://lab/cdn-a/stream-1/720p/index.m3u8", "720p")]
    [InlineData("http://lab/cdn-a/stream-1/audio/index.m3u8", "audio")]
    [InlineData("http://lab/cdn-a/stream-1/480p.m3u8", "480p")]
    [InlineData("http://other.example/x/1080p/index.m3u8", "1080p")]
    [InlineData("http://lab/cdn-a/stream-1/video/540p.m3u8", "540p")]
    public void RenditionOf_MediaPlaylistBelowTheMultivariant_IsItsFolderOrFileName(string playlist, string expected)
        => Assert.Equal(expected, DrillObservation.RenditionOf(new Uri(playlist), new Uri("http://lab/cdn-a/stream-1/master.m3u8")));
}
