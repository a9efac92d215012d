using StreamWatch.Lab.Faults;
using StreamWatch.Lab.Streams;

namespace StreamWatch.Lab.Edges;

/// <summary>The faults that hit one request, folded from the store's snapshot.</summary>
internal struct DeliveryFaults
{
    public Fault? Timeout;
    public Fault? HttpError;
    public TimeSpan Delay;
    public long BytesPerSecond;
    public Fault? Truncate;
    public Fault? Garbage;
    public bool RenditionDropped;

    public readonly bool Any => Timeout is not null || HttpError is not null || Delay > TimeSpan.Zero || BytesPerSecond > 0
        || Truncate is not null || Garbage is not null || RenditionDropped;

    /// <summary>
    /// Folds the active faults of (<paramref name="cdn"/>, <paramref name="stream"/>) into delivery
    /// effects and, for manifests, into <paramref name="view"/>. Stream-wide faults hit every resource of the
    /// stream; a rendition's faults hit its playlist and segments (and drop-rendition also the multivariant/MPD).
    /// A fault on the origin (<paramref name="origin"/>) hits every edge too: the CDNs pull from it, so a frozen
    /// origin freezes them all, while a CDN's own fault never reaches the origin.
    /// </summary>
    public static DeliveryFaults Evaluate(Fault[] faults, int cdn, int origin, int stream, OriginResource resource, DateTimeOffset now, Timeline timeline, ref ManifestView view)
    {
        var result = default(DeliveryFaults);
        var manifest = resource.IsManifest;
        foreach (var f in faults)
        {
            if ((f.CdnIndex != cdn && f.CdnIndex != origin) || f.StreamIndex != stream || !f.IsActive(now))
            {
                continue;
            }

            if (f.Kind == FaultKind.DropRendition)
            {
                view = view with { DroppedRenditions = view.DroppedRenditions | (1UL << f.RenditionIndex) };
                result.RenditionDropped |= f.RenditionIndex == resource.RenditionIndex;
                continue;
            }

            if (f.RenditionIndex >= 0 && f.RenditionIndex != resource.RenditionIndex)
            {
                continue;
            }

            switch (f.Kind)
            {
                case FaultKind.Stale:
                    view = view with { RenderAt = view.RenderAt < f.ActiveFrom ? view.RenderAt : f.ActiveFrom };
                    break;
                case FaultKind.Lag:
                    view = view with { RenderAt = view.RenderAt - (f.Segments * timeline.SegmentDuration) };
                    break;
                case FaultKind.SequenceRegression:
                    view = view with { SequenceOffset = view.SequenceOffset - f.Segments };
                    break;
                case FaultKind.SequenceReset:
                    // The encoder "restarted" when the fault began: numbering starts again at 0 from the last segment it had.
                    var restart = Math.Max(0, timeline.PositionAt(f.ActiveFrom).Completed - 1);
                    view = view with { FirstSegment = Math.Max(view.FirstSegment, restart), ResetAt = view.ResetAt is { } r && r > f.ActiveFrom ? r : f.ActiveFrom };
                    break;
                case FaultKind.ClockSkew:
                    view = view with { ClockSkew = view.ClockSkew + f.Offset };
                    break;
                case FaultKind.DiscontinuityStorm:
                    view = view with { DiscontinuityStorm = true };
                    break;
                case FaultKind.Timeout when f.Hits(manifest):
                    result.Timeout ??= f;
                    break;
                case FaultKind.HttpError when f.Hits(manifest) && (f.Rate >= 1 || f.NextDouble() < f.Rate):
                    result.HttpError ??= f;
                    break;
                case FaultKind.Slow when f.Hits(manifest):
                    result.Delay += f.Delay;
                    if (f.BytesPerSecond > 0 && (result.BytesPerSecond == 0 || f.BytesPerSecond < result.BytesPerSecond))
                    {
                        result.BytesPerSecond = f.BytesPerSecond;
                    }

                    break;
                case FaultKind.Jitter when f.Hits(manifest):
                    result.Delay += f.NextJitter();
                    break;
                case FaultKind.Truncate when f.Hits(manifest):
                    result.Truncate ??= f;
                    break;
                case FaultKind.Garbage when f.Hits(manifest):
                    result.Garbage ??= f;
                    break;
            }
        }

        return result;
    }
}
