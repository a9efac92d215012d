using StreamWatch.Cli.Watch;
using StreamWatch.Media;

namespace StreamWatch.Cli.Output;

/// <summary>Writes <c>watch --format jsonl</c>: one JSON object per line, <c>type</c> <c>heartbeat</c> or <c>finding</c>.</summary>
internal sealed class WatchJsonlReporter(TextWriter writer) : IWatchReporter
{
    private readonly Lock _gate = new();
    private volatile bool _sawErrors;

    public bool SawErrors => _sawErrors;

    // The JSON lines are heartbeats and findings only, so scripts need handle just two types.
    public void Started(IReadOnlyList<Uri> playlists, TimeSpan duration)
    {
    }

    public void Finished(TimeSpan elapsed)
    {
    }

    public void Heartbeat(Heartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var line = new HeartbeatJson(
            "heartbeat",
            heartbeat.Time,
            heartbeat.Url.AbsoluteUri,
            StateName(heartbeat.State),
            heartbeat.MediaSequence,
            heartbeat.Segments,
            heartbeat.Changed,
            heartbeat.Age?.TotalSeconds,
            heartbeat.TargetDuration?.TotalSeconds,
            heartbeat.State == HeartbeatState.Stale,
            heartbeat.NextPoll.TotalSeconds,
            heartbeat.Error);
        lock (_gate)
        {
            JsonOutput.WriteLine(writer, line, CliJsonContext.Default.HeartbeatJson, indented: false);
            writer.Flush();
        }
    }

    public void Finding(DateTimeOffset time, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Severity == FindingSeverity.Error)
        {
            _sawErrors = true;
        }

        var line = new WatchFindingJson(
            "finding",
            time,
            finding.Code,
            ContractNames.Severity(finding.Severity),
            finding.Message,
            finding.Url?.AbsoluteUri,
            finding.Line,
            finding.Path);
        lock (_gate)
        {
            JsonOutput.WriteLine(writer, line, CliJsonContext.Default.WatchFindingJson, indented: false);
            writer.Flush();
        }
    }

    /// <summary>The contract names of heartbeat states: <c>ok</c>, <c>stale</c>, <c>fetch-failed</c>, <c>ended</c>.</summary>
    public static string StateName(HeartbeatState state) => state switch
    {
        HeartbeatState.Ok => "ok",
        HeartbeatState.Stale => "stale",
        HeartbeatState.FetchFailed => "fetch-failed",
        _ => "ended",
    };
}
