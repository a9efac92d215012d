using StreamWatch.AppHost.Hosting;

namespace StreamWatch.AppHost.Tests.Hosting;

public sealed class RestartPolicyTests
{
    [Fact]
    public void DelayFor_doubles_from_one_second_up_to_thirty()
    {
        var delays = Enumerable.Range(1, 8).Select(RestartPolicy.Default.DelayFor).Select(d => d.TotalSeconds).ToArray();

        Assert.Equal([1d, 2d, 4d, 8d, 16d, 30d, 30d, 30d], delays);
    }

    [Fact]
    public void DelayFor_rejects_attempt_zero() => Assert.Throws<ArgumentOutOfRangeException>(() => RestartPolicy.Default.DelayFor(0));
}
