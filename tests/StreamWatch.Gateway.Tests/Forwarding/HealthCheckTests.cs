using System.Net;
using StreamWatch.Gateway.Tests.Infrastructure;

namespace StreamWatch.Gateway.Tests.Forwarding;

public sealed class HealthCheckTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Active_health_checks_eject_a_failing_destination_and_return_it_when_it_recovers()
    {
        var aHealthy = true;
        await using var a = await Upstream.NamedAsync("a", () => Volatile.Read(ref aHealthy));
        await using var b = await Upstream.NamedAsync("b");
        var settings = Settings.Proxy(a.Address, b.Address)
            .With("ReverseProxy:Clusters:c:HealthCheck:Active:Enabled", "true")
            .With("ReverseProxy:Clusters:c:HealthCheck:Active:Interval", "00:00:00.200")
            .With("ReverseProxy:Clusters:c:HealthCheck:Active:Path", "/health");
        await using var gateway = await GatewayHost.StartAsync(settings);

        Volatile.Write(ref aHealthy, false);
        await WaitUntilAsync(gateway, seen => !seen.Contains("a"));
        var probesWhileEjected = a.HitsOf("/health");

        Volatile.Write(ref aHealthy, true);
        await WaitUntilAsync(gateway, seen => seen.Contains("a") && seen.Contains("b"));
        Assert.True(a.HitsOf("/health") > probesWhileEjected, "the ejected destination keeps being probed");
    }

    [Fact]
    public async Task Passive_health_check_ejects_a_destination_after_transport_failures()
    {
        await using var b = await Upstream.NamedAsync("b");
        var settings = Settings.Proxy(Settings.Nowhere(), b.Address)
            .With("ReverseProxy:Clusters:c:HealthCheck:Passive:FailureThreshold", "2")
            .With("ReverseProxy:Clusters:c:HealthCheck:Passive:ReactivationPeriod", "00:10:00");
        await using var gateway = await GatewayHost.StartAsync(settings);

        var failures = 0;
        for (var i = 0; i < 4; i++)
        {
            using var response = await gateway.Client.GetAsync("api/v1/x", Token);
            failures += response.StatusCode == HttpStatusCode.BadGateway ? 1 : 0;
        }

        Assert.Equal(2, failures); // round robin: the dead one's two turns, then it is out
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("b", await gateway.Client.GetStringAsync("api/v1/x", Token));
        }
    }

    [Fact]
    public async Task Every_destination_ejected_gives_503_problem_details()
    {
        await using var a = await Upstream.NamedAsync("a", () => false);
        var settings = Settings.Proxy(a.Address)
            .With("ReverseProxy:Clusters:c:HealthCheck:Active:Enabled", "true")
            .With("ReverseProxy:Clusters:c:HealthCheck:Active:Interval", "00:00:00.200");
        await using var gateway = await GatewayHost.StartAsync(settings);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(HangGuard);
        HttpStatusCode status;
        do
        {
            await Task.Delay(50, timeout.Token);
            using var response = await gateway.Client.GetAsync("api/v1/x", timeout.Token);
            status = response.StatusCode;
        }
        while (status != HttpStatusCode.ServiceUnavailable);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
    }

    // Sends batches of ten requests until one batch satisfies the condition (or the hang guard trips).
    private static async Task WaitUntilAsync(GatewayHost gateway, Func<List<string>, bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(HangGuard);
        while (true)
        {
            var seen = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                seen.Add(await gateway.Client.GetStringAsync("api/v1/x", timeout.Token));
            }

            if (condition(seen))
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
