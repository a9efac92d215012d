using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Tests.Lifecycle;

public sealed class AlertFingerprintTests
{
    [Fact]
    public void SameLabelsInAnyOrder_GiveTheSameFingerprint()
    {
        var one = AlertFingerprint.Compute([new("rule", "ManifestStale"), new("stream", "final-hindi"), new("cdn", "cdn-a"), new("rendition", "720p")]);
        var other = AlertFingerprint.Compute([new("rendition", "720p"), new("cdn", "cdn-a"), new("stream", "final-hindi"), new("rule", "ManifestStale")]);

        Assert.Equal(one, other);
        Assert.Matches("^[0-9a-f]{16}$", one);
    }

    [Fact]
    public void DifferentLabelValues_GiveDifferentFingerprints()
    {
        var a = AlertFingerprint.Compute([new("rule", "ManifestStale"), new("cdn", "cdn-a")]);
        var b = AlertFingerprint.Compute([new("rule", "ManifestStale"), new("cdn", "cdn-b")]);
        var ambiguous = AlertFingerprint.Compute([new("rule", "ManifestStalecdn"), new("", "cdn-a")]);

        Assert.NotEqual(a, b);
        Assert.NotEqual(a, ambiguous);
    }

    [Fact]
    public void Fingerprint_IsAFixedFunctionOfTheLabels()
    {
        // Pinned: stores and webhook receivers key on it across restarts and versions.
        Assert.Equal(AlertFingerprint.Compute([new("rule", "StreamDown"), new("stream", "final-hindi")]), AlertFingerprint.Compute([new("stream", "final-hindi"), new("rule", "StreamDown")]));
        Assert.Equal(Pinned(), AlertFingerprint.Compute([new("rule", "StreamDown"), new("stream", "final-hindi")]));
    }

    private static string Pinned()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("rule\0StreamDown\0stream\0final-hindi\0");
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes).AsSpan(0, 8));
    }
}
