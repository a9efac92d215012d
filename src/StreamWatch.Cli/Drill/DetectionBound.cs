namespace StreamWatch.Cli.Drill;

/// <summary>How soon after injection StreamWatch should see a fault, and why.</summary>
/// <param name="Value">The bound, from injection.</param>
/// <param name="Reason">How it follows from the target duration and the reload rules, for people.</param>
internal sealed record DetectionBound(TimeSpan Value, string Reason)
{
    /// <summary>
    /// The bound for a fault of <paramref name="kind"/> on playlists with <paramref name="targetDuration"/>, polled as
    /// <c>watch</c> polls (RFC 8216bis 6.3.4: one target duration after a changed reload, half after an unchanged or failed one);
    /// null for kinds the probe cannot see from playlists alone (slow, jitter) or does not know.
    /// </summary>
    public static DetectionBound? For(string kind, TimeSpan targetDuration, TimeSpan requestTimeout)
    {
        var td = DurationSyntax.Format(targetDuration);
        return kind switch
        {
            // Frozen at injection: the last change is seen at most 1 TD later, stale once unchanged for 1.5 TD,
            // checked at reloads every TD/2.
            "stale" => new(targetDuration * 3, $"3 × target duration {td}: up to 1 × until the last change is seen, 1.5 × unchanged, 0.5 × to the next reload"),

            // The very next reload fails, at most one target duration away.
            "http-error" or "drop-rendition" or "truncate" or "garbage"
                => new(targetDuration, $"1 × target duration {td}: the next reload"),

            "timeout" => new(targetDuration + requestTimeout, $"the next reload ({td}) plus the {DurationSyntax.Format(requestTimeout)} request timeout"),

            // Visible once the playlist next changes (≤ 1 TD) and is reloaded (≤ 1 TD).
            "lag" or "sequence-regression" or "sequence-reset" or "discontinuity-storm" or "clock-skew"
                => new(targetDuration * 2, $"2 × target duration {td}: the next segment, then the next reload"),
            _ => null,
        };
    }
}
