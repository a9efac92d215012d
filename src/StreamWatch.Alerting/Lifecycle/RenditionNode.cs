using StreamWatch.Alerting.Health;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>The engine's state for one rendition of one source.</summary>
internal sealed class RenditionNode(SourceNode source, string id, int ruleCount)
{
    public SourceNode Source { get; } = source;

    public string Id { get; } = id;

    public RenditionStats Stats { get; } = new();

    /// <summary>Rendition-scope alerts by rule index; created on the first breach.</summary>
    public AlertTracker?[] Trackers { get; } = new AlertTracker?[ruleCount];
}
