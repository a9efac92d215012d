using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Apis;

/// <summary>Feeds <see cref="InMemoryAlertHistory"/> when it is the history in force (a registered Redis history wins and this does nothing).</summary>
internal sealed class InMemoryHistorySink(IAlertHistory history) : IAlertEventSink
{
    private readonly InMemoryAlertHistory? _target = history as InMemoryAlertHistory;

    public void OnTransition(AlertTransition transition) => _target?.Record(transition);

    public void OnIncident(Incident incident)
    {
    }
}
