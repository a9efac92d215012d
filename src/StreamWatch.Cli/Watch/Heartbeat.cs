namespace StreamWatch.Cli.Watch;

/// <summary>One poll of one playlist, as <c>streamwatch watch</c> reports it.</summary>
/// <param name="Time">When the poll completed.</param>
/// <param name="Url">The playlist polled.</param>
/// <param name="State">How the playlist stands.</param>
/// <param name="MediaSequence">Media sequence of the first segment (DASH: first available segment number), when known.</param>
/// <param name="Segments">Segments listed (DASH: available), when known.</param>
/// <param name="Changed">True when this poll saw a different playlist from the previous one (always true for the first).</param>
/// <param name="Age">Time since the playlist was last seen to change (since the first poll, at first).</param>
/// <param name="TargetDuration">The target duration, when known.</param>
/// <param name="NextPoll">The wait before the next poll.</param>
/// <param name="Error">Why the fetch failed, for <see cref="HeartbeatState.FetchFailed"/>.</param>
internal sealed record Heartbeat(
    DateTimeOffset Time,
    Uri Url,
    HeartbeatState State,
    long? MediaSequence,
    int? Segments,
    bool Changed,
    TimeSpan? Age,
    TimeSpan? TargetDuration,
    TimeSpan NextPoll,
    string? Error);
