namespace StreamWatch.Probe.Targets;

/// <summary>One entry of the configuration file's <c>streams</c> list.</summary>
public sealed class StreamDefinition
{
    /// <summary>Stream id, lower-case <c>[a-z0-9-]</c>, unique.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>The origin's URL, optional, for fault attribution.</summary>
    public string? Origin { get; set; }

    /// <summary>The CDNs serving the stream.</summary>
    public List<StreamSource> Sources { get; set; } = [];
}
