using System.Collections.Concurrent;
using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Apis;

/// <summary>
/// The open incident of each stream, as the engine announced it (the engine keeps incidents
/// internally; the API needs their start time). Fed as an <see cref="IAlertEventSink"/>.
/// </summary>
internal sealed class IncidentBook : IAlertEventSink
{
    private readonly ConcurrentDictionary<string, Incident> _open = new(StringComparer.Ordinal);

    public void OnTransition(AlertTransition transition)
    {
    }

    public void OnIncident(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.ClosedAt is null)
        {
            _open[incident.Stream] = incident;
        }
        else if (_open.TryGetValue(incident.Stream, out var open) && string.Equals(open.Id, incident.Id, StringComparison.Ordinal))
        {
            _open.TryRemove(new KeyValuePair<string, Incident>(incident.Stream, open));
        }
    }

    /// <summary>The open incident with <paramref name="id"/> of <paramref name="stream"/>, or null when not known here (e.g. restored from Redis after a restart).</summary>
    public Incident? Find(string stream, string id)
        => _open.TryGetValue(stream, out var incident) && string.Equals(incident.Id, id, StringComparison.Ordinal) ? incident : null;
}
