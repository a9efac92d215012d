namespace StreamWatch.Alerting.Ingest;

/// <summary>
/// The configuration file's root <c>streams:</c> list as alerting reads it: which streams and CDNs
/// exist. When it is not empty, reports about other streams or CDNs are skipped and counted
/// (<c>result="unknown_stream"</c>), and every listed source is watched by <c>ProbeSilent</c> from
/// start-up, so a source that never reports still alerts. Empty (the default): every stream is accepted.
/// </summary>
public sealed class StreamCatalogOptions
{
    /// <summary>The list's key at the root of the configuration.</summary>
    public const string SectionName = "Streams";

    /// <summary>The streams; empty when not configured.</summary>
    public List<CatalogStream> Streams { get; set; } = [];

    /// <summary>Whether <paramref name="stream"/> is listed with an <c>origin</c> (always true when the list is empty): its origin reports are accepted.</summary>
    public bool ContainsOrigin(string stream)
    {
        if (Streams.Count == 0)
        {
            return true;
        }

        foreach (var entry in Streams)
        {
            if (string.Equals(entry.Id, stream, StringComparison.Ordinal))
            {
                return !string.IsNullOrEmpty(entry.Origin);
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="stream"/> on <paramref name="cdn"/> is listed (always true when the list is empty).</summary>
    public bool Contains(string stream, string cdn)
    {
        if (Streams.Count == 0)
        {
            return true;
        }

        foreach (var entry in Streams)
        {
            if (!string.Equals(entry.Id, stream, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var source in entry.Sources)
            {
                if (string.Equals(source.Cdn, cdn, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>One stream of the <c>streams:</c> list (alerting reads its id and CDNs only).</summary>
public sealed class CatalogStream
{
    /// <summary>Stream id, <c>[a-z0-9-]</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>Its origin URL (polled by the probe for fault attribution); alerting only checks there is one.</summary>
    public string? Origin { get; set; }

    /// <summary>The CDNs serving it.</summary>
    public List<CatalogSource> Sources { get; set; } = [];
}

/// <summary>One CDN of a <see cref="CatalogStream"/>.</summary>
public sealed class CatalogSource
{
    /// <summary>CDN name, <c>[a-z0-9-]</c>.</summary>
    public string Cdn { get; set; } = string.Empty;

    /// <summary>Its entry URL (used by the probe; alerting ignores it).</summary>
    public string? Url { get; set; }
}
