namespace StreamWatch.Probe.Measurement;

/// <summary>What the scheduler needs from a poll to choose the next reload.</summary>
/// <param name="Succeeded">A playlist was fetched and parsed.</param>
/// <param name="Changed">Its content differed from the previous poll's.</param>
/// <param name="TargetDuration">HLS target duration, when known.</param>
/// <param name="DashUpdatePeriod">DASH minimumUpdatePeriod (or the segment duration when absent); null for HLS.</param>
internal readonly record struct PollResult(bool Succeeded, bool Changed, TimeSpan? TargetDuration, TimeSpan? DashUpdatePeriod);
