namespace StreamWatch.Gateway.StatusPage;

/// <summary>States in the words a producer uses: what viewers experience, not what the probe measured.</summary>
internal static class StatusWording
{
    /// <summary>One line for the stream: "All good", "Viewers on cdn-b may see buffering", "Off air on every CDN"...</summary>
    public static string Headline(UpstreamStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var originFault = false;
        foreach (var alert in stream.Alerts ?? [])
        {
            if (alert.State == "firing" && alert.Attribution == "origin")
            {
                originFault = true;
            }
        }

        switch (stream.State)
        {
            case "operational":
                return "All good";
            case "outage":
                return originFault ? "Off air on every CDN: the problem is at the source (origin or encoder)" : "Off air on every CDN";
            case "degraded":
                var parts = new List<string>();
                foreach (var cdn in stream.Cdns ?? [])
                {
                    switch (cdn.State)
                    {
                        case "outage":
                            parts.Add($"Viewers on {cdn.Cdn} cannot play");
                            break;
                        case "degraded":
                            parts.Add($"Viewers on {cdn.Cdn} may see buffering");
                            break;
                        case "unknown":
                            parts.Add($"No recent data from {cdn.Cdn}");
                            break;
                    }
                }

                if (originFault)
                {
                    // An origin alert comes from the polled origin showing the fault, or (without an origin source) from every
                    // CDN showing it: either way it is upstream of the CDNs, so the wording must not claim which evidence.
                    parts.Add("the problem is at the source (origin or encoder), not the CDNs");
                }

                return parts.Count == 0 ? "Some viewers may see problems" : string.Join("; ", parts);
            default:
                return "No recent data: StreamWatch cannot see this stream right now";
        }
    }

    /// <summary>The state as a short label that does not rely on colour.</summary>
    public static string StateLabel(string? state) => state switch
    {
        "operational" => "Operational",
        "degraded" => "Degraded",
        "outage" => "Outage",
        _ => "No data",
    };

    /// <summary>A CDN chip's text.</summary>
    public static string CdnLabel(string? state) => state switch
    {
        "operational" => "OK",
        "degraded" => "degraded",
        "outage" => "down",
        _ => "no data",
    };

    /// <summary>A symbol doubling the colour (hidden from screen readers, which read the words).</summary>
    public static string Symbol(string? state) => state switch
    {
        "operational" => "✓",
        "degraded" => "▲",
        "outage" => "✕",
        _ => "?",
    };

    /// <summary>A CSS class suffix for a state (only known values, so class names are never user input).</summary>
    public static string CssState(string? state) => state switch
    {
        "operational" => "operational",
        "degraded" => "degraded",
        "outage" => "outage",
        _ => "unknown",
    };
}
