using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Tests.TestSupport;

/// <summary>Keeps every event the engine publishes.</summary>
internal sealed class RecordingSink : IAlertEventSink
{
    public List<AlertTransition> Transitions { get; } = [];

    public List<Incident> Incidents { get; } = [];

    public void OnTransition(AlertTransition transition) => Transitions.Add(transition);

    public void OnIncident(Incident incident) => Incidents.Add(incident);

    /// <summary>Transitions of <paramref name="rule"/>, as "From->To".</summary>
    public List<string> Path(string rule)
    {
        var path = new List<string>();
        foreach (var transition in Transitions)
        {
            if (transition.Alert.Rule == rule)
            {
                path.Add($"{transition.From}->{transition.To}");
            }
        }

        return path;
    }

    /// <summary>The transitions a webhook would deliver.</summary>
    public List<AlertTransition> Notified()
    {
        var notified = new List<AlertTransition>();
        foreach (var transition in Transitions)
        {
            if (transition.Notify)
            {
                notified.Add(transition);
            }
        }

        return notified;
    }
}
