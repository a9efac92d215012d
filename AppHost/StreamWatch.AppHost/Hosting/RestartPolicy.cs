namespace StreamWatch.AppHost.Hosting;

/// <summary>
/// Exponential backoff for restarting a crashed service: <see cref="InitialDelay"/> doubled per
/// consecutive crash up to <see cref="MaxDelay"/>; a run that lasted <see cref="StableAfter"/> resets it.
/// </summary>
internal sealed record RestartPolicy
{
    /// <summary>1 s, doubling, at most 30 s, reset after 60 s of running.</summary>
    public static RestartPolicy Default { get; } = new();

    /// <summary>The delay before the first restart; defaults to 1 second.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay; defaults to 30 seconds.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A run at least this long counts as stable and resets the backoff; defaults to 60 seconds.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The delay before restart number <paramref name="attempt"/> (1 = the first restart after a crash).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ticks = InitialDelay.Ticks;
        for (var i = 1; i < attempt && ticks < MaxDelay.Ticks; i++)
        {
            ticks *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, MaxDelay.Ticks));
    }
}
