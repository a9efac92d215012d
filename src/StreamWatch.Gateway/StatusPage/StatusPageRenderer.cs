using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace StreamWatch.Gateway.StatusPage;

/// <summary>
/// Renders the page and its fragments (a stream's card, the incidents list) as HTML; every value
/// from outside is HTML-encoded. The same fragments go into the first paint and the live
/// <c>card</c> events, so the wording lives here only and the browser script just swaps them in.
/// No inline script or style: the page works under a strict Content-Security-Policy.
/// </summary>
internal sealed class StatusPageRenderer(StatusAssets assets)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public string Page(StatusView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var html = new StringBuilder(8_192);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Stream status · StreamWatch</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Html.Encode(assets.StylesheetPath)).Append("\">\n")
            .Append("<script src=\"").Append(Html.Encode(assets.ScriptPath)).Append("\" defer></script>\n")
            .Append("</head>\n<body data-live=\"").Append(view.Live ? "true" : "false").Append("\">\n")
            .Append("<a class=\"skip\" href=\"#streams-heading\">Skip to streams</a>\n")
            .Append("<header class=\"top\">\n<h1>Stream status</h1>\n<p class=\"meta\">Last update <time id=\"updated\" datetime=\"")
            .Append(Iso(view.UpdatedAt)).Append("\">").Append(Clock(view.UpdatedAt)).Append("</time> · ")
            .Append("<span id=\"connection\" class=\"conn conn-").Append(view.Live ? "live" : "lost").Append("\">")
            .Append(view.Live ? "Live" : view.Configured ? "Reconnecting…" : "Status service not configured").Append("</span></p>\n<noscript><p class=\"meta\">Live updates need JavaScript: reload the page to refresh it.</p></noscript>\n</header>\n")
            .Append("<main id=\"main\">\n")
            .Append("<section class=\"incidents\" aria-labelledby=\"incidents-heading\">\n<h2 id=\"incidents-heading\">Open incidents</h2>\n<div id=\"incidents\">")
            .Append(Incidents(view)).Append("</div>\n</section>\n")
            .Append("<section aria-labelledby=\"streams-heading\">\n<h2 id=\"streams-heading\" tabindex=\"-1\">Streams</h2>\n<ul id=\"streams\" class=\"cards\">")
            .Append(Cards(view)).Append("</ul>\n</section>\n")
            .Append("<div id=\"announcer\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\"></div>\n")
            .Append("</main>\n<footer class=\"foot\"><p>Times are UTC. The bar under each stream shows the last 24 hours, one block per hour. This page updates itself.</p></footer>\n")
            .Append("</body>\n</html>\n");
        return html.ToString();
    }

    public string Cards(StatusView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Streams.Count == 0)
        {
            return "<li class=\"card card-empty\"><p>" + (view.Configured ? "No streams reported yet." : "The status service is not configured (services:alerting:http:0).") + "</p></li>";
        }

        var html = new StringBuilder(1_024 * view.Streams.Count);
        foreach (var stream in view.Streams)
        {
            html.Append(Card(stream, view.HistoryOf(stream.Id), view.UpdatedAt));
        }

        return html.ToString();
    }

    public static string Card(UpstreamStream stream, IReadOnlyList<UpstreamHistoryEntry> history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var state = StatusWording.CssState(stream.State);
        var name = stream.Name ?? stream.Id;
        var html = new StringBuilder(1_024);
        html.Append("<li class=\"card state-").Append(state).Append("\" id=\"stream-").Append(Html.Encode(stream.Id))
            .Append("\" data-stream=\"").Append(Html.Encode(stream.Id)).Append("\" data-state=\"").Append(state).Append("\">\n")
            .Append("<h3>").Append(Html.Encode(name)).Append("</h3>\n")
            .Append("<p class=\"state\"><span class=\"badge badge-").Append(state).Append("\"><span aria-hidden=\"true\">")
            .Append(StatusWording.Symbol(stream.State)).Append("</span> ").Append(StatusWording.StateLabel(stream.State)).Append("</span> ")
            .Append("<span class=\"headline\">").Append(Html.Encode(StatusWording.Headline(stream))).Append("</span></p>\n");

        if (stream.Cdns is { Count: > 0 } cdns)
        {
            html.Append("<ul class=\"chips\" aria-label=\"CDNs\">");
            foreach (var cdn in cdns)
            {
                var cdnState = StatusWording.CssState(cdn.State);
                html.Append("<li class=\"chip chip-").Append(cdnState).Append("\" data-cdn=\"").Append(Html.Encode(cdn.Cdn)).Append("\"><span aria-hidden=\"true\">")
                    .Append(StatusWording.Symbol(cdn.State)).Append("</span> ").Append(Html.Encode(cdn.Cdn)).Append(": ")
                    .Append(StatusWording.CdnLabel(cdn.State)).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        if (stream.Incident is { } incident)
        {
            html.Append("<p class=\"incident\">Incident since <time datetime=\"").Append(Iso(incident.OpenedAt)).Append("\">")
                .Append(Clock(incident.OpenedAt)).Append("</time>: affects ").Append(Html.Encode(Affected(incident))).Append("</p>\n");
        }

        var slots = DayBar.Build(history, now);

        // The hour in progress shows what viewers get now, even before an alert has fired.
        slots[^1] = DayBar.Worse(slots[^1], StatusWording.CssState(stream.State));
        var troubled = 0;
        foreach (var slot in slots)
        {
            troubled += slot is "degraded" or "outage" ? 1 : 0;
        }

        html.Append("<div class=\"day\" role=\"img\" aria-label=\"Last 24 hours: ")
            .Append(troubled == 0 ? "no problems" : troubled.ToString(CultureInfo.InvariantCulture) + (troubled == 1 ? " hour" : " hours") + " with problems")
            .Append("\">");
        var start = now - TimeSpan.FromHours(DayBar.Slots);
        for (var i = 0; i < slots.Length; i++)
        {
            html.Append("<span class=\"slot slot-").Append(slots[i]).Append("\" title=\"")
                .Append(start.AddHours(i).ToString("HH:mm", CultureInfo.InvariantCulture)).Append(" UTC: ")
                .Append(SlotWords(slots[i])).Append("\"></span>");
        }

        html.Append("</div>\n</li>\n");
        return html.ToString();
    }

    private static string SlotWords(string slot) => slot switch
    {
        "operational" => "no problems",
        "outage" => "outage or critical alerts",
        "degraded" => "degraded or warnings",
        _ => "no data",
    };

    public string Incidents(StatusView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var html = new StringBuilder();
        foreach (var stream in view.Streams)
        {
            if (stream.Incident is not { } incident)
            {
                continue;
            }

            if (html.Length == 0)
            {
                html.Append("<ul class=\"incident-list\">");
            }

            html.Append("<li><strong>").Append(Html.Encode(stream.Name ?? stream.Id)).Append("</strong>, since <time datetime=\"")
                .Append(Iso(incident.OpenedAt)).Append("\">").Append(Clock(incident.OpenedAt)).Append("</time>: affects ")
                .Append(Html.Encode(Affected(incident)));
            if (incident.Summaries is { Count: > 0 } summaries)
            {
                html.Append("<ul>");
                foreach (var summary in summaries)
                {
                    html.Append("<li>").Append(Html.Encode(summary)).Append("</li>");
                }

                html.Append("</ul>");
            }

            html.Append("</li>");
        }

        return html.Length == 0 ? "<p class=\"none\">No open incidents.</p>" : html.Append("</ul>").ToString();
    }

    /// <summary>What a screen reader announces when a card changes.</summary>
    public static string Announcement(UpstreamStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return (stream.Name ?? stream.Id) + ": " + StatusWording.Headline(stream);
    }

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Clock(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMM HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Affected(UpstreamIncident incident)
    {
        var parts = new List<string>();
        foreach (var what in incident.Affected ?? [])
        {
            parts.Add(what switch
            {
                "origin" => "the source (origin or encoder), so every CDN",
                "stream" => "the whole stream",
                _ => what,
            });
        }

        return parts.Count == 0 ? "the stream" : string.Join(", ", parts);
    }
}
