namespace StreamWatch.Probe.Targets;

/// <summary>Which media segments the probe downloads after a manifest update.</summary>
public enum SegmentPolicy
{
    /// <summary>The newest segment of each rendition, once per playlist update (the default).</summary>
    Newest,

    /// <summary>Every segment that appears, oldest first (the first poll fetches only the newest).</summary>
    All,

    /// <summary>A HEAD request for the newest segment, once per update: availability and time to first byte without the download.</summary>
    Head,

    /// <summary>No segments; manifests only.</summary>
    None,
}
