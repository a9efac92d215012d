using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace StreamWatch.Lab.Tests.Dash;

/// <summary>What a DASH client sees of the synthetic MPDs over HTTP.</summary>
public sealed class SyntheticDashTests
{
    private static readonly XNamespace Mpd = "urn:mpeg:dash:schema:mpd:2011";

    [Fact]
    public async Task TimelineMpd_IsDynamic_AndAdvancesOneSegmentPerSegmentDuration()
    {
        await using var lab = await LabServer.StartAsync();
        using var response = await lab.GetAsync("cdn-a/stream-1/manifest.mpd");
        Assert.Equal("application/dash+xml", response.Content.Headers.ContentType?.MediaType);
        var before = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("dynamic", (string?)before.Root!.Attribute("type"));
        lab.Clock.Advance(TimeSpan.FromSeconds(2));
        var after = XDocument.Parse(await lab.GetStringAsync("cdn-a/stream-1/manifest.mpd"));

        Assert.Equal(FirstT(before) + 2000, FirstT(after));
        Assert.Equal("5", (string?)after.Descendants(Mpd + "S").First().Attribute("r"));
        Assert.Equal(5, after.Descendants(Mpd + "Representation").Count());
    }

    [Fact]
    public async Task TimelineSegments_AreServed_WithAnFmp4Header()
    {
        await using var lab = await LabServer.StartAsync();
        var mpd = XDocument.Parse(await lab.GetStringAsync("cdn-a/stream-1/manifest.mpd"));
        var s = mpd.Descendants(Mpd + "S").First();
        var newest = FirstT(mpd) + (2000 * long.Parse((string)s.Attribute("r")!, CultureInfo.InvariantCulture));
        using var segment = await lab.GetAsync($"cdn-a/stream-1/dash/720p/t{newest}.m4s");
        var body = await segment.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal("video/mp4", segment.Content.Headers.ContentType?.MediaType);
        Assert.Equal("styp"u8.ToArray(), body[4..8]);
        Assert.Equal(HttpStatusCode.NotFound, (await lab.GetAsync($"cdn-a/stream-1/dash/720p/t{newest + 2000}.m4s")).StatusCode);
        Assert.Equal("ftyp"u8.ToArray(), (await lab.GetBytesAsync("cdn-a/stream-1/dash/audio/init.mp4"))[4..8]);
    }

    [Fact]
    public async Task NumberMpd_UsesANumberTemplate_WhoseNewestSegmentIsServed()
    {
        await using var lab = await LabServer.StartAsync();
        var mpd = XDocument.Parse(await lab.GetStringAsync("cdn-a/stream-1/manifest-number.mpd"));
        var template = mpd.Descendants(Mpd + "SegmentTemplate").First();
        Assert.Contains("$Number$", (string)template.Attribute("media")!, StringComparison.Ordinal);
        Assert.Empty(mpd.Descendants(Mpd + "SegmentTimeline"));
        var newest = (long)((LabServer.Start - new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds / 2) - 1;
        Assert.Equal(HttpStatusCode.OK, (await lab.GetAsync($"cdn-a/stream-1/dash/360p/{newest}.m4s")).StatusCode);
    }

    private static long FirstT(XDocument mpd) => long.Parse((string)mpd.Descendants(Mpd + "S").First().Attribute("t")!, CultureInfo.InvariantCulture);
}
