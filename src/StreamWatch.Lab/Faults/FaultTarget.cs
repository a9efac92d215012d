namespace StreamWatch.Lab.Faults;

/// <summary>Which responses a delivery fault hits.</summary>
internal enum FaultTarget
{
    /// <summary>Playlists and MPDs.</summary>
    Manifest,

    /// <summary>Media and init segments (and LL-HLS parts).</summary>
    Segment,

    /// <summary>Everything under the stream.</summary>
    All,
}
