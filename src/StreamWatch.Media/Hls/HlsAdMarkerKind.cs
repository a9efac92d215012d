namespace StreamWatch.Media.Hls;

/// <summary>The ad-signalling tags encoders emit outside the HLS specification.</summary>
public enum HlsAdMarkerKind
{
    /// <summary><c>EXT-X-CUE-OUT</c>: an ad break starts (value: duration in seconds, or attributes).</summary>
    CueOut = 0,

    /// <summary><c>EXT-X-CUE-OUT-CONT</c>: still in the break (elapsed/duration or attributes).</summary>
    CueOutCont = 1,

    /// <summary><c>EXT-X-CUE-IN</c>: back from the break.</summary>
    CueIn = 2,

    /// <summary><c>EXT-OATCLS-SCTE35</c>: base64 SCTE-35 splice_info_section.</summary>
    OatclsScte35 = 3,

    /// <summary><c>EXT-X-SCTE35</c>: attribute list carrying a SCTE-35 cue.</summary>
    Scte35 = 4,

    /// <summary><c>EXT-X-PLACEMENT-OPPORTUNITY</c>: an insertion point (Shaka Packager, Anvato).</summary>
    PlacementOpportunity = 5,
}
