namespace StreamWatch.Probe.Targets;

/// <summary>Which media segments the probe downloads after a manifest update.</summary>
public enum SegmentPolicy
{
    /// <summary>The newest segment of each rendition, once per playlist update (the default).</summary>
    Newest,

    /// <summary>Every segment that appears. Not implemented in this slice: behaves like <see cref="Newest"/>.</summary>
    All,

    /// <summary>A HEAD request for the newest segment. Not implemented in this slice: behaves like <see cref="Newest"/>.</summary>
    Head,

    /// <summary>No segments; manifests only.</summary>
    None,
}
