using StreamWatch.Media;

namespace StreamWatch.Cli.Watch;

/// <summary>Where <c>streamwatch watch</c> reports; called from several playlist watchers at once.</summary>
internal interface IWatchReporter
{
    /// <summary>True once any finding of severity error was reported.</summary>
    bool SawErrors { get; }

    /// <summary>The watch starts polling <paramref name="playlists"/> for at most <paramref name="duration"/>.</summary>
    void Started(IReadOnlyList<Uri> playlists, TimeSpan duration);

    /// <summary>The watch ended (duration elapsed, Ctrl+C, or every playlist ended) after <paramref name="elapsed"/>.</summary>
    void Finished(TimeSpan elapsed);

    /// <summary>Reports one poll.</summary>
    void Heartbeat(Heartbeat heartbeat);

    /// <summary>Reports a finding as it happens.</summary>
    void Finding(DateTimeOffset time, Finding finding);
}
