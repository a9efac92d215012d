namespace StreamWatch.Probe.Targets;

/// <summary>One CDN's entry point to a stream: a multivariant playlist, a media playlist or an MPD.</summary>
public sealed class StreamSource
{
    /// <summary>CDN name, lower-case <c>[a-z0-9-]</c>, unique within the stream.</summary>
    public string Cdn { get; set; } = string.Empty;

    /// <summary>Absolute http(s) URL; HLS or DASH is detected from the body.</summary>
    public string Url { get; set; } = string.Empty;
}
