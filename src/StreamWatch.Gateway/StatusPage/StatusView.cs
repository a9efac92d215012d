namespace StreamWatch.Gateway.StatusPage;

/// <summary>
/// An immutable picture of what the page shows, replaced (never changed) by the relay as alerting
/// reports: readers need no lock.
/// </summary>
/// <param name="Configured">Whether alerting's address is configured.</param>
/// <param name="Live">Whether the upstream event stream is connected now.</param>
/// <param name="UpdatedAt">When the picture last changed (alerting's clock for its events).</param>
/// <param name="Streams">Streams in alerting's order.</param>
/// <param name="Histories">Alert history per stream id, newest first.</param>
internal sealed record StatusView(bool Configured, bool Live, DateTimeOffset UpdatedAt, IReadOnlyList<UpstreamStream> Streams, IReadOnlyDictionary<string, IReadOnlyList<UpstreamHistoryEntry>> Histories)
{
    public IReadOnlyList<UpstreamHistoryEntry> HistoryOf(string stream) => Histories.TryGetValue(stream, out var history) ? history : [];
}
