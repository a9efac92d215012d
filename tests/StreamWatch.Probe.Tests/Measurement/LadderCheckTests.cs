using StreamWatch.Contracts.V1;

namespace StreamWatch.Probe.Tests.Measurement;

/// <summary>
/// Cross-rendition alignment (RFC 8216bis 6.2.4) from the probe's own polls of the Lab's ladder, on the manual clock:
/// a rendition whose media sequence numbers are shifted (a rendition-scoped Lab <c>sequence-regression</c>) no longer
/// lines up with its siblings, and every rendition of that CDN's ladder reports it; the other CDN does not.
/// </summary>
public sealed class LadderCheckTests
{
    private const string Skew = "HLS-VARIANTS-MEDIA-SEQUENCE-SKEW";
    private const string Dates = "HLS-VARIANTS-PDT-MISALIGNED";

    [Fact]
    public async Task MisalignedRendition_YieldsTheCrossCheckFinding_OnItsCdnOnly()
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 2);
        var before = rig.Reports.Count;

        await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", rendition = "720p", kind = "sequence-regression", segments = 3 });
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 4);

        var after = rig.Reports.Skip(before).Where(static r => r.Manifest is not null).Select(static r => r.Manifest).ToList();
        var flagged = after.Where(static p => p.Ref.Cdn == "cdn-a" && p.Findings.Any(static f => f.Code is Skew or Dates)).ToList();
        Assert.NotEmpty(flagged);

        // The ladder's finding is reported with its renditions' polls, not only the shifted one's.
        Assert.Contains(flagged, static p => p.Ref.RenditionId != "720p");
        Assert.Contains(flagged.SelectMany(static p => p.Findings), static f => f.Code == Skew && f.Message.Contains("by 3 segments", StringComparison.Ordinal));
        Assert.DoesNotContain(after, static p => p.Ref.Cdn == "cdn-b" && p.Findings.Any(static f => f.Code is Skew or Dates));
    }

    [Fact]
    public async Task HealthyLadder_HasNoErrorFindings()
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 6);

        var polls = rig.Reports.Where(static r => r.Manifest is not null).Select(static r => r.Manifest).ToList();
        Assert.True(polls.Count >= 20, $"{polls.Count} polls");
        Assert.DoesNotContain(polls, static p => p.Findings.Any(static f => f.Severity == Severity.Error));
        Assert.DoesNotContain(polls, static p => p.Findings.Any(static f => f.Code.StartsWith("HLS-VARIANTS-", StringComparison.Ordinal)));
    }
}
