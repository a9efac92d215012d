using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// Builds an alert's <see cref="AlertEvidence"/> from the last reports the engine kept. Runs only
/// when a snapshot is taken (a transition or an API read), never per report.
/// </summary>
internal static class EvidenceCollector
{
    public static AlertEvidence Collect(AlertTracker tracker)
    {
        if (tracker.RenditionNode is { } rendition)
        {
            // A segment rule's evidence is the segment fetch (its Age and X-Cache tell a cold cache
            // from a slow origin); every other rendition rule's is the playlist poll.
            var stats = rendition.Stats;
            FetchResult? fetch = tracker.Rule.FedBySegments ? stats.LastSegment?.Fetch ?? stats.LastManifest?.Fetch : stats.LastManifest?.Fetch ?? stats.LastSegment?.Fetch;
            var findings = new List<EvidenceFinding>();
            AddErrors(findings, stats.LastManifest?.Findings);
            AddErrors(findings, stats.LastSegment?.Findings);
            return Build(findings, fetch);
        }

        if (tracker.SourceNode is { } source)
        {
            var findings = new List<EvidenceFinding>();
            ManifestPoll? latest = null;
            DateTimeOffset? latestAt = null;
            foreach (var node in source.Renditions)
            {
                AddErrors(findings, node.Stats.LastManifest?.Findings);
                if (node.Stats.LastManifest is { } poll && (latestAt is null || node.Stats.LastReportAt > latestAt))
                {
                    latest = poll;
                    latestAt = node.Stats.LastReportAt;
                }
            }

            return Build(findings, latest?.Fetch);
        }

        // Stream-level (StreamDown, origin attribution): the findings of every CDN; no one fetch's headers speak for all,
        // except for the origin alert of a polled origin, whose latest origin poll (URL, status, headers) is the evidence.
        var all = new List<EvidenceFinding>();
        ManifestPoll? originPoll = null;
        if (tracker.Attribution is not null && tracker.StreamNode.Origin is { } origin)
        {
            DateTimeOffset? originAt = null;
            foreach (var node in origin.Renditions)
            {
                AddErrors(all, node.Stats.LastManifest?.Findings);
                if (node.Stats.LastManifest is { } poll && (originAt is null || node.Stats.LastReportAt > originAt))
                {
                    originPoll = poll;
                    originAt = node.Stats.LastReportAt;
                }
            }
        }

        foreach (var each in tracker.StreamNode.Sources)
        {
            foreach (var node in each.Renditions)
            {
                AddErrors(all, node.Stats.LastManifest?.Findings);
            }
        }

        return all.Count == 0 && originPoll is null ? AlertEvidence.Empty : Build(all, originPoll?.Fetch);
    }

    private static AlertEvidence Build(List<EvidenceFinding> findings, FetchResult? fetch)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (fetch is not null)
        {
            foreach (var (name, value) in fetch.CdnHeaders)
            {
                headers[name] = value;
            }
        }

        return new AlertEvidence
        {
            Findings = findings,
            Headers = headers,
            Url = fetch is null || fetch.Url.Length == 0 ? null : fetch.Url,
            HttpStatus = fetch?.HttpStatus ?? 0,
            Outcome = fetch is null ? null : fetch.Outcome.ToLabel(),
        };
    }

    private static void AddErrors(List<EvidenceFinding> findings, IList<Finding>? source)
    {
        if (source is null)
        {
            return;
        }

        for (var i = 0; i < source.Count && findings.Count < AlertEvidence.MaxFindings; i++)
        {
            var finding = source[i];
            if (finding.Severity == Severity.Error)
            {
                findings.Add(new EvidenceFinding(finding.Code, "error", finding.Message, finding.Url, finding.Line));
            }
        }
    }
}
