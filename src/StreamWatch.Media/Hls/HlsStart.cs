namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-START: the preferred point to start playing.</summary>
/// <param name="TimeOffset">Seconds from the start (positive) or from the end (negative) of the playlist.</param>
/// <param name="Precise">PRECISE=YES.</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsStart(double TimeOffset, bool Precise, int Line);
