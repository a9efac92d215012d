using System.Globalization;
using System.Text;
using StreamWatch.Media.Hls;
using Xunit;

namespace StreamWatch.Media.Tests.Hls;

/// <summary>Guards the hot-path design: a segment costs a slot in one array, never an object of its own.</summary>
public sealed class HlsAllocationTests
{
    [Fact]
    public void Analyze_LargeLivePlaylist_AllocatesNoObjectPerSegment()
    {
        const int Segments = 20_000;
        var b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:500\n");
        for (var i = 0; i < Segments; i++)
        {
            b.Append("#EXT-X-PROGRAM-DATE-TIME:")
                .Append(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero).AddSeconds(i * 6).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
                .Append("\n#EXTINF:6.000,\nseg-").Append(500 + i).Append(".ts\n");
        }

        var bytes = Encoding.UTF8.GetBytes(b.ToString());
        _ = HlsPlaylistParser.Analyze(bytes, Hls.DefaultUrl, Hls.At); // JIT and static initialization out of the measurement

        var before = GC.GetAllocatedBytesForCurrentThread();
        var analysis = Assert.IsType<HlsMediaAnalysis>(HlsPlaylistParser.Analyze(bytes, Hls.DefaultUrl, Hls.At));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Segments, analysis.Playlist.Segments.Count);
        Assert.Empty(analysis.Findings);

        // The source copy, one record per segment (about 80 bytes of value types) and a fixed overhead;
        // a string or Uri per segment would add at least 40 bytes each and fail this bound.
        var bound = bytes.Length + (Segments * 96L) + (64 * 1024);
        Assert.True(allocated < bound, $"Parsing allocated {allocated:N0} bytes ({(allocated - bytes.Length) / (double)Segments:0.0} per segment beyond the source copy); bound {bound:N0}.");
    }
}
