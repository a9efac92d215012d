using StreamWatch.Testing.Processes;

namespace StreamWatch.Gateway.Tests.TestSupport;

/// <summary>Starts the built gateway as a real process pointing at alerting (services__alerting__http__0).</summary>
internal static class GatewayUnderTest
{
    public static Task<ExternalProcess> StartAsync(int port, Uri alerting)
        => ServiceProcess.StartAsync(
            "StreamWatch.Gateway",
            port,
            new Dictionary<string, string> { ["services__alerting__http__0"] = alerting.ToString().TrimEnd('/') },
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>A hang guard, not a timing assert: generous for a loaded 2-core machine.</summary>
    public static CancellationTokenSource Guard(int seconds = 30)
    {
        var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(seconds));
        return guard;
    }
}
