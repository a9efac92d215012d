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

    /// <summary>
    /// How soon after injection an alert should fire (issue 8): the rule's condition holds once the playlist has been
    /// unchanged (or failing) for 1.5 target durations, the probe sees that at its next reload (at most one target
    /// duration later), and the rule then waits its <c>for</c> before firing.
    /// </summary>
    public static DetectionBound ForAlert(TimeSpan targetDuration, TimeSpan alertFor)
    {
        var td = DurationSyntax.Format(targetDuration);
        return new(
            (targetDuration * 1.5) + targetDuration + alertFor,
            $"1.5 × target duration {td} + one reload {td} + the rule's for {(alertFor == TimeSpan.Zero ? "0 s" : DurationSyntax.Format(alertFor))} (--alert-for)");
    }
}
