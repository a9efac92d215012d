namespace StreamWatch.Probe.Measurement;

/// <summary>What the scheduler needs from a poll to choose the next reload.</summary>
/// <param name="Succeeded">A playlist was fetched and parsed.</param>
/// <param name="Changed">Its content differed from the previous poll's.</param>
/// <param name="TargetDuration">HLS target duration, when known.</param>
/// <param name="DashUpdatePeriod">DASH minimumUpdatePeriod (or the segment duration when absent); null for HLS.</param>
/// <param name="StaleDeadline">When the (earliest) rendition polled becomes stale if nothing progresses; null when it already is or cannot be.</param>
/// <param name="ProbeAt">An early reload that would sharpen the change estimate (<see cref="ChangeEstimate.Probe"/>); null when none is needed.</param>
internal readonly record struct PollResult(bool Succeeded, bool Changed, TimeSpan? TargetDuration, TimeSpan? DashUpdatePeriod, DateTimeOffset? StaleDeadline = null, DateTimeOffset? ProbeAt = null);
