namespace StreamWatch.Cli.Watch;

/// <summary>How one watched playlist stands after a poll.</summary>
internal enum HeartbeatState
{
    /// <summary>Fetched; it changed recently enough.</summary>
    Ok,

    /// <summary>Fetched, but unchanged for more than 1.5 target durations: players will stall.</summary>
    Stale,

    /// <summary>This poll's fetch failed (network, HTTP status, not a playlist).</summary>
    FetchFailed,

    /// <summary>The presentation ended (HLS ENDLIST, DASH static); the playlist is no longer polled.</summary>
    Ended,
}
