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

    /// <summary>A pending or firing alert was acknowledged (the snapshot carries the acknowledgement).</summary>
    void OnAcknowledged(Alert alert)
    {
    }

    /// <summary>A silence was added.</summary>
    void OnSilenceAdded(Silence silence)
    {
    }

    /// <summary>A silence was removed before it ended (the silence as it was, so a store knows until when to remember the removal).</summary>
    void OnSilenceRemoved(Silence silence)
    {
    }
}
