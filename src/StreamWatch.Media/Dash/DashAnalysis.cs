using StreamWatch.Media.Dash.Internal;

namespace StreamWatch.Media.Dash;

/// <summary>
/// The analysis of one MPD: the parsed <see cref="DashManifest"/>, static findings (<c>DASH-</c> codes),
/// one <see cref="PlaylistSummary"/> per representation, and segment availability at any instant.
/// </summary>
public sealed class DashAnalysis : ManifestAnalysis
{
    private readonly IReadOnlyList<Finding> _findings;
    private readonly MediaLimits _limits;
    private IReadOnlyList<PlaylistSummary>? _playlists;

    internal DashAnalysis(Uri url, DateTimeOffset observedAt, DashManifest? manifest, IReadOnlyList<Finding> findings, MediaLimits limits, ulong contentHash)
        : base(ManifestKind.Dash, url, observedAt)
    {
        Manifest = manifest;
        _findings = findings;
        _limits = limits;
        ContentHash = contentHash;
    }

    /// <summary>The parsed MPD; null when the document had no MPD root element (not well-formed, or another root).</summary>
    public DashManifest? Manifest { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Finding> Findings => _findings;

    /// <summary>
    /// One entry per representation (kind <c>dash-representation</c>, Name = representation id) with the segments
    /// available at <see cref="ManifestAnalysis.ObservedAt"/>; MediaSequence is the first available segment number.
    /// </summary>
    public override IReadOnlyList<PlaylistSummary> Playlists => _playlists ??= BuildPlaylists();

    /// <inheritdoc />
    public override IReadOnlyList<Uri> ChildPlaylists => [];

    /// <inheritdoc />
    public override bool IsLive => Manifest?.IsDynamic == true;

    /// <summary>MPD@minimumUpdatePeriod for a dynamic MPD; null for a static one or when absent.</summary>
    public override TimeSpan? ReloadInterval => IsLive ? Manifest!.MinimumUpdatePeriod : null;

    internal ulong ContentHash { get; }

    internal MediaLimits Limits => _limits;

    /// <summary>
    /// The segments of <paramref name="representation"/> available at <paramref name="at"/> (static MPD: all of them),
    /// oldest first, with the live edge. Bounded by <see cref="MediaLimits.MaxSegments"/>: for an open-ended live run the newest
    /// segments are kept, otherwise the first ones; <see cref="DashSegmentWindow.Truncated"/> says when the bound applied.
    /// </summary>
    /// <param name="representation">A representation of <see cref="Manifest"/>.</param>
    /// <param name="at">The wall-clock instant, normally the probe's <see cref="TimeProvider"/> now.</param>
    public DashSegmentWindow GetSegments(DashRepresentation representation, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(representation);
        var computation = SegmentCalculator.Compute(representation, at, _limits.MaxSegments, availableOnly: true);
        return SegmentUrls.ToWindow(representation, at, computation);
    }

    /// <summary>The segments available at <see cref="ManifestAnalysis.ObservedAt"/>; see <see cref="GetSegments(DashRepresentation, DateTimeOffset)"/>.</summary>
    public DashSegmentWindow GetSegments(DashRepresentation representation) => GetSegments(representation, ObservedAt);

    /// <summary>
    /// The live edge of the presentation at <paramref name="at"/>: the earliest, over all representations, of the wall-clock end
    /// of the newest available segment (the most conservative edge a player can reach). Null for a static MPD or when nothing is available.
    /// Live-edge latency is <paramref name="at"/> minus this value.
    /// </summary>
    public DateTimeOffset? GetLiveEdge(DateTimeOffset at)
    {
        if (Manifest is not { IsDynamic: true })
        {
            return null;
        }

        if (Manifest.AvailabilityStartTime is not { } ast)
        {
            return null;
        }

        DateTimeOffset? edge = null;
        foreach (var representation in Manifest.AllRepresentations())
        {
            // Only the newest segment matters, so no URLs are built here: the probe calls this on every poll.
            var segments = SegmentCalculator.Compute(representation, at, _limits.MaxSegments, availableOnly: true).Segments;
            if (segments.Count == 0 || representation.Period.Start is not { } periodStart)
            {
                continue;
            }

            var newest = segments[^1];
            var info = representation.SegmentInfo;
            var endTicks = (Int128)ast.UtcTicks + periodStart.Ticks
                + Timing.UnitsToTicks((Int128)newest.Time + newest.Duration - info.PresentationTimeOffset, info.Timescale);
            if (endTicks < DateTimeOffset.MinValue.UtcTicks || endTicks > DateTimeOffset.MaxValue.UtcTicks)
            {
                continue;
            }

            var end = new DateTimeOffset((long)endTicks, TimeSpan.Zero);
            if (edge is null || end < edge)
            {
                edge = end;
            }
        }

        return edge;
    }

    private List<PlaylistSummary> BuildPlaylists()
    {
        var list = new List<PlaylistSummary>();
        if (Manifest is null)
        {
            return list;
        }

        foreach (var rep in Manifest.AllRepresentations())
        {
            var computation = SegmentCalculator.Compute(rep, ObservedAt, _limits.MaxSegments, availableOnly: true);
            var timescale = (double)rep.SegmentInfo.Timescale;
            long longest = 0;
            double total = 0;
            foreach (var s in computation.Segments)
            {
                longest = Math.Max(longest, s.Duration);
                total += s.Duration / timescale;
            }

            var segments = computation.Segments;
            list.Add(new PlaylistSummary(
                Url,
                "dash-representation",
                Manifest.IsDynamic,
                segments.Count > 0 ? longest / timescale : null,
                segments.Count > 0 ? segments[0].Number : null,
                segments.Count,
                total,
                rep.Id));
        }

        return list;
    }
}
