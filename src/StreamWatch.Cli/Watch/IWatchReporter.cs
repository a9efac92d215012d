using StreamWatch.Media;

namespace StreamWatch.Cli.Watch;

/// <summary>Where <c>streamwatch watch</c> reports; called from several playlist watchers at once.</summary>
internal interface IWatchReporter
{
    /// <summary>True once any finding of severity error was reported.</summary>
    bool SawErrors { get; }

    /// <summary>Reports one poll.</summary>
    void Heartbeat(Heartbeat heartbeat);

    /// <summary>Reports a finding as it happens.</summary>
    void Finding(DateTimeOffset time, Finding finding);
}
