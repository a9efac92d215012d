namespace StreamWatch.Lab.Streams;

/// <summary>One live stream, served through every CDN edge.</summary>
/// <param name="Id">URL path segment, e.g. <c>stream-1</c>.</param>
/// <param name="Index">Position in the catalog; seeds anything per stream.</param>
internal sealed record LabStream(string Id, int Index);
