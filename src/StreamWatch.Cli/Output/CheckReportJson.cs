namespace StreamWatch.Cli.Output;

// A JSON contract shape (CONTRACTS.md / src/StreamWatch.Cli/README.md), separate from the Media types so the engine can
// evolve without changing what scripts parse. Properties are declared in output order.

/// <summary>The document <c>streamwatch check --format json</c> writes.</summary>
internal sealed record CheckReportJson(
    string Url,
    string Kind,
    IReadOnlyList<PlaylistJson> Playlists,
    IReadOnlyList<FindingJson> Findings);
