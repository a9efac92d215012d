namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// What the alert store needs from the engine to bring back persisted state: after a restart, and
/// when this replica takes over a stream's lease from another. Implemented by the engine; every
/// call takes the engine's lock briefly and does no I/O.
/// </summary>
internal interface IAlertStateRestore
{
    /// <summary>Every stream the engine knows: configured (<c>streams:</c>) or reported on.</summary>
    IReadOnlyList<string> GetStreamIds();

    /// <summary>
    /// Reconciles the engine's view of <paramref name="stream"/> with the stored one. Stored firing
    /// alerts the engine does not have firing are revived as firing (without data they stay firing;
    /// with clear data they resolve through the normal <c>clearFor</c> hysteresis), so a restart
    /// neither fires them again nor loses their resolution. Alerts the engine has firing that are not
    /// stored as firing are announced again (pending → firing) so the store commits them.
    /// </summary>
    /// <param name="stream">Stream id.</param>
    /// <param name="stored">The stored pending and firing alerts of the stream, with their stored suppression and acknowledgement.</param>
    /// <param name="openIncident">The stream's stored open incident, if any.</param>
    void Adopt(string stream, IReadOnlyList<Alert> stored, Incident? openIncident);

    /// <summary>
    /// Applies an acknowledgement stored by another replica to a pending or firing alert of this engine;
    /// false when the engine has no such alert or it already carries that acknowledgement. Raises no events
    /// (the store already holds it).
    /// </summary>
    bool ApplyAcknowledgement(string fingerprint, Acknowledgement acknowledgement);

    /// <summary>Adds stored silences the engine does not have (unexpired ones) and drops those removed elsewhere. Raises no events.</summary>
    void SyncSilences(IReadOnlyList<Silence> silences, IReadOnlyCollection<string> removed);
}
