namespace StreamWatch.Lab.Streams;

/// <summary>
/// How one response's manifest departs from the healthy live edge, as the active faults dictate.
/// The default view (with <see cref="RenderAt"/> = now) is the healthy manifest.
/// </summary>
/// <param name="RenderAt">The instant whose live edge is shown (stale and lag move it back; an edge cache floors it).</param>
/// <param name="SequenceOffset">Added to EXT-X-MEDIA-SEQUENCE and the DASH timeline's startNumber.</param>
/// <param name="FirstSegment">Segments before this one are hidden (a sequence reset restarts the window here).</param>
/// <param name="ClockSkew">Added to every PROGRAM-DATE-TIME, DATERANGE date and the DASH availabilityStartTime.</param>
/// <param name="DiscontinuityStorm">A discontinuity before every segment (DASH: one Period per segment).</param>
/// <param name="DroppedRenditions">Bit i set: ladder rendition i 404s and is left out of the multivariant playlist and MPD.</param>
/// <param name="ResetAt">When a sequence reset began (ffmpeg mode renumbers from the playlist it had then).</param>
internal readonly record struct ManifestView(
    DateTimeOffset RenderAt,
    long SequenceOffset = 0,
    long FirstSegment = 0,
    TimeSpan ClockSkew = default,
    bool DiscontinuityStorm = false,
    ulong DroppedRenditions = 0,
    DateTimeOffset? ResetAt = null)
{
    /// <summary>True when nothing but the instant differs from healthy output, so the render can be cached.</summary>
    public bool IsCacheable => SequenceOffset == 0 && FirstSegment == 0 && ResetAt is null && ClockSkew == TimeSpan.Zero && !DiscontinuityStorm && DroppedRenditions == 0;

    public bool IsDropped(int renditionIndex) => (DroppedRenditions & (1UL << renditionIndex)) != 0;
}
