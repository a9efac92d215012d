using System.Net;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Gateway.Tests;

public sealed class GatewayHostTests
{
    [Fact]
    public async Task Gateway_process_starts_and_answers_liveness()
    {
        var port = FreePort.Next();
        await using var gateway = await ServiceProcess.StartAsync("StreamWatch.Gateway", port, cancellationToken: TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/alive"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
