namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// Receives the engine's events (the alert store, webhooks and the feed implement it). Called
/// synchronously, in order, on the evaluating thread while the engine holds its lock: enqueue and
/// return, never block or call back into the engine.
/// </summary>
public interface IAlertEventSink
{
    /// <summary>An alert changed state.</summary>
    void OnTransition(AlertTransition transition);

    /// <summary>An incident opened (<see cref="Incident.ClosedAt"/> null) or closed.</summary>
    void OnIncident(Incident incident);
}
