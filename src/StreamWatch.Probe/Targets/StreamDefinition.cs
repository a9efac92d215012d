namespace StreamWatch.Probe.Targets;

/// <summary>One entry of the configuration file's <c>streams</c> list.</summary>
public sealed class StreamDefinition
{
    /// <summary>Stream id, lower-case <c>[a-z0-9-]</c>, unique.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The origin's URL (multivariant playlist, media playlist or MPD), optional, for fault attribution: polled like a
    /// source under the CDN name <c>origin</c> (reserved then for CDNs) and reported as the origin.
    /// </summary>
    public string? Origin { get; set; }

    /// <summary>The CDNs serving the stream.</summary>
    public List<StreamSource> Sources { get; set; } = [];
}
