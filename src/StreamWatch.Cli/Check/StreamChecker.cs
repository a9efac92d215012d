using StreamWatch.Cli.Fetching;
using StreamWatch.Media;

namespace StreamWatch.Cli.Check;

/// <summary>
/// Fetches and analyses one manifest; for an HLS multivariant playlist it also fetches every variant,
/// I-frame and rendition playlist (a bounded number at once) and checks them across each other.
/// </summary>
internal sealed class StreamChecker(ManifestFetcher fetcher, FetchOptions options, TimeProvider time)
{
    /// <summary>Code of the finding for a child playlist that cannot be fetched or is not a playlist.</summary>
    public const string ChildUnavailableCode = "HLS-VARIANT-UNAVAILABLE";

    /// <summary>Most child playlists fetched at once; players fetch a handful, CDNs throttle bursts.</summary>
    public const int MaxConcurrentFetches = 8;

    public async Task<CheckOutcome> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        var fetched = await fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        if (!fetched.Succeeded)
        {
            return CheckOutcome.Unavailable($"cannot fetch {url}: {fetched.Reason}");
        }

        if (ManifestAnalyzer.Detect(fetched.Body) == ManifestKind.Unknown)
        {
            return CheckOutcome.Unavailable($"{fetched.Url} is {NotAPlaylist.Reason(fetched)}");
        }

        var analysis = ManifestAnalyzer.Analyze(fetched.Body, fetched.Url, time.GetUtcNow(), options.Limits);
        if (analysis.Kind == ManifestKind.Unknown)
        {
            return CheckOutcome.Unavailable($"{fetched.Url} is {NotAPlaylist.Reason(fetched)}");
        }

        var playlists = new List<PlaylistSummary>(analysis.Playlists);
        var findings = new List<Finding>(analysis.Findings);
        if (analysis.Kind == ManifestKind.HlsMultivariant)
        {
            var children = await FetchChildrenAsync(analysis.ChildPlaylists, cancellationToken).ConfigureAwait(false);
            var renditions = new List<ManifestAnalysis>(children.Length);
            foreach (var child in children)
            {
                if (child.Analysis is { } childAnalysis)
                {
                    renditions.Add(childAnalysis);
                    playlists.AddRange(childAnalysis.Playlists);
                    findings.AddRange(childAnalysis.Findings);
                }
                else
                {
                    findings.Add(child.Unavailable!);
                }
            }

            findings.AddRange(ManifestAnalyzer.CrossCheck(analysis, renditions));
        }

        return CheckOutcome.Completed(new CheckReport(fetched.Url, analysis.Kind, playlists, findings));
    }

    private async Task<ChildResult[]> FetchChildrenAsync(IReadOnlyList<Uri> urls, CancellationToken cancellationToken)
    {
        // The same URI can be both a variant and an I-frame or rendition reference; fetch it once.
        var distinct = urls.Distinct().ToArray();
        var results = new ChildResult[distinct.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentFetches, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, distinct.Length), parallel, async (index, token) =>
        {
            results[index] = await LoadChildAsync(distinct[index], token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return results;
    }

    private async Task<ChildResult> LoadChildAsync(Uri url, CancellationToken cancellationToken)
    {
        var fetched = await fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        if (!fetched.Succeeded)
        {
            return new ChildResult(null, Unavailable(url, $"The playlist could not be fetched: {fetched.Reason}."));
        }

        switch (ManifestAnalyzer.Detect(fetched.Body))
        {
            case ManifestKind.Dash:
                return new ChildResult(null, Unavailable(url, "The playlist is a DASH MPD; a multivariant playlist may only name HLS playlists."));
            case ManifestKind.Unknown:
                return new ChildResult(null, Unavailable(url, $"The playlist is {NotAPlaylist.Reason(fetched)}."));
        }

        return new ChildResult(ManifestAnalyzer.Analyze(fetched.Body, fetched.Url, time.GetUtcNow(), options.Limits), null);
    }

    private static Finding Unavailable(Uri url, string message) => new(ChildUnavailableCode, FindingSeverity.Error, message, url);

    private sealed record ChildResult(ManifestAnalysis? Analysis, Finding? Unavailable);
}
