namespace StreamWatch.Lab.Apis;

/// <summary>One stream in <c>GET /lab/streams</c>.</summary>
/// <param name="Id">Stream id.</param>
/// <param name="Sources">Its URLs on each CDN.</param>
public sealed record LabStreamInfo(string Id, IReadOnlyList<LabSourceInfo> Sources)
{
    /// <summary>Its URLs at the origin itself (<c>cdn</c> = <c>origin</c>): the content before any edge.</summary>
    public LabSourceInfo? Origin { get; init; }
}
