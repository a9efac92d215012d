namespace StreamWatch.AppHost.Orchestration;

/// <summary>What happened to a resource.</summary>
internal enum ResourceEventKind
{
    Starting,
    Started,
    Healthy,
    Exited,
    Restarting,
    Stopping,
    Stopped,
}

/// <summary>One step in a resource's life, in the order the orchestrator saw them (tests assert the order).</summary>
/// <param name="Sequence">Global order of events.</param>
/// <param name="Resource">The resource name.</param>
/// <param name="Kind">What happened.</param>
/// <param name="ProcessId">The process it concerns (0 for an external resource).</param>
/// <param name="Detail">Exit code, restart delay, and the like.</param>
internal sealed record ResourceEvent(long Sequence, string Resource, ResourceEventKind Kind, int ProcessId, string? Detail = null);
