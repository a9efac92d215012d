using Microsoft.Extensions.Options;
using StreamWatch.Probe.Scheduling;
using StreamWatch.Probe.Targets;

namespace StreamWatch.Probe.Tests.Scheduling;

public sealed class ConcurrencyLimiterTests
{
    private static readonly Uri Host = new("http://127.0.0.1:9/a.m3u8");

    [Fact]
    public async Task UrgentFetch_TakesAReservedSlot_WhileOrdinaryFetchesQueue()
    {
        var token = TestContext.Current.CancellationToken;
        using var limiter = new ConcurrencyLimiter(Options.Create(new ProbeOptions { MaxConcurrency = 64, MaxConcurrencyPerHost = 1 }));
        var held = await limiter.AcquireAsync(Host, token);

        var ordinary = limiter.AcquireAsync(Host, token).AsTask();
        var urgent = limiter.AcquireAsync(Host, urgent: true, token).AsTask();
        Assert.True(urgent.IsCompletedSuccessfully, "an urgent fetch queued behind a full host");
        Assert.False(ordinary.IsCompleted, "an ordinary fetch passed the per-host limit");

        // The reserve is bounded: once it is used up an urgent fetch waits like the rest.
        var urgent2 = limiter.AcquireAsync(Host, urgent: true, token).AsTask();
        var urgent3 = limiter.AcquireAsync(Host, urgent: true, token).AsTask();
        Assert.True(urgent2.IsCompletedSuccessfully);
        Assert.False(urgent3.IsCompleted, "more urgent fetches in flight than reserved slots");

        // Slots go back where they came from: releasing the ordinary one lets the queue move.
        held.Dispose();
        (await ordinary.WaitAsync(TimeSpan.FromSeconds(30), token)).Dispose();
        (await urgent).Dispose();
        (await urgent3.WaitAsync(TimeSpan.FromSeconds(30), token)).Dispose();
        (await urgent2).Dispose();
    }
}
