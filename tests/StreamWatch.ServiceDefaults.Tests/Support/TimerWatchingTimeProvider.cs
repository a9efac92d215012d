using StreamWatch.Testing.Time;

namespace StreamWatch.ServiceDefaults.Tests.Support;

/// <summary>
/// The manual clock, plus a way to wait until the code under test has armed a timer of a given
/// length, so a test advances the clock only once the wait it is checking has begun.
/// </summary>
public sealed class TimerWatchingTimeProvider : TimeProvider
{
    private readonly ManualTimeProvider _clock = new();
    private readonly Lock _gate = new();
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Armed)> _watches = [];

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _clock.LocalTimeZone;

    public void Advance(TimeSpan delta) => _clock.Advance(delta);

    /// <summary>Completes when a timer due in exactly <paramref name="dueTime"/> is created.</summary>
    public Task TimerArmed(TimeSpan dueTime)
    {
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _watches.Add((dueTime, armed));
        }

        return armed.Task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _clock.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            foreach (var (due, armed) in _watches)
            {
                if (due == dueTime)
                {
                    armed.TrySetResult();
                }
            }
        }

        return timer;
    }
}
