namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-DATERANGE: a timed metadata range (SCTE-35 splice points, HLS Interstitials, ...).</summary>
/// <param name="Id">ID (required).</param>
/// <param name="Class">CLASS, or null.</param>
/// <param name="StartDate">START-DATE, or null when missing or invalid (a finding says so).</param>
/// <param name="EndDate">END-DATE, or null.</param>
/// <param name="Duration">DURATION in seconds, or null.</param>
/// <param name="PlannedDuration">PLANNED-DURATION in seconds, or null.</param>
/// <param name="EndOnNext">END-ON-NEXT=YES.</param>
/// <param name="Cue">CUE (e.g. <c>PRE</c>, <c>POST</c>, <c>ONCE</c>, comma separated), or null.</param>
/// <param name="Scte35Cmd">SCTE35-CMD as written (hexadecimal), or null.</param>
/// <param name="Scte35Out">SCTE35-OUT as written, or null.</param>
/// <param name="Scte35In">SCTE35-IN as written, or null.</param>
/// <param name="Attributes">Every attribute as written (quotes removed), including client <c>X-</c> attributes.</param>
/// <param name="SegmentIndex">Index of the segment the tag precedes.</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsDateRange(
    string Id,
    string? Class,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    double? Duration,
    double? PlannedDuration,
    bool EndOnNext,
    string? Cue,
    string? Scte35Cmd,
    string? Scte35Out,
    string? Scte35In,
    IReadOnlyDictionary<string, string> Attributes,
    int SegmentIndex,
    int Line)
{
    /// <summary>The CLASS Apple defines for HLS Interstitials.</summary>
    public const string InterstitialClass = "com.apple.hls.interstitial";

    /// <summary>True for an HLS Interstitial (CLASS="com.apple.hls.interstitial").</summary>
    public bool IsInterstitial => string.Equals(Class, InterstitialClass, StringComparison.Ordinal);

    /// <summary>True when CUE lists <paramref name="trigger"/> (<c>PRE</c>, <c>POST</c> or <c>ONCE</c>).</summary>
    public bool HasCue(string trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (Cue is null)
        {
            return false;
        }

        foreach (var part in Cue.Split(','))
        {
            if (string.Equals(part.Trim(), trigger, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
