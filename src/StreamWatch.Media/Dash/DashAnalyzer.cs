using System.Globalization;
using StreamWatch.Media.Dash.Internal;

namespace StreamWatch.Media.Dash;

/// <summary>DASH side of <see cref="ManifestAnalyzer"/>: parse, resolve, validate, compare snapshots. Never throws for any input bytes.</summary>
internal static class DashAnalyzer
{
    public static ManifestAnalysis Analyze(ReadOnlySpan<byte> content, Uri url, DateTimeOffset observedAt, MediaLimits limits)
    {
        var findings = new FindingSink(url, limits.MaxFindings);
        DashManifest? manifest = null;
        try
        {
            manifest = MpdParser.Parse(content, url, limits, findings);
            if (manifest is not null)
            {
                MpdResolver.Resolve(manifest, url, findings);
                LiveEdgeCheck.Check(manifest, observedAt, limits, findings);
            }
        }
#pragma warning disable CA1031 // Last line of defence for the "never throws" contract; the robustness tests assert it never fires.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            findings.Add("DASH-INTERNAL-ERROR", FindingSeverity.Error,
                string.Create(CultureInfo.InvariantCulture, $"The analyser failed on this input ({ex.GetType().Name}: {ex.Message}); results are partial."));
        }

        return new DashAnalysis(url, observedAt, manifest, findings.ToList(), limits, Fnv1a(content));
    }

    public static IReadOnlyList<Finding> Compare(ManifestAnalysis previous, ManifestAnalysis current)
        => previous is DashAnalysis p && current is DashAnalysis c ? DashContinuity.Compare(p, c) : [];

    // Content identity for "same publishTime, different content"; a 64-bit FNV-1a is plenty to tell two MPD bodies apart.
    private static ulong Fnv1a(ReadOnlySpan<byte> content)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in content)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
