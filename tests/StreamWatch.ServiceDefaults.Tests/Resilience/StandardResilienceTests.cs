using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StreamWatch.ServiceDefaults.Resilience;

namespace StreamWatch.ServiceDefaults.Tests.Resilience;

public sealed class StandardResilienceTests : IAsyncLifetime
{
    // Backoff delays of a millisecond keep the tests fast; Retry-After tests override nothing else.
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Resilience:Retry:BaseDelay"] = "00:00:00.001",
        ["Resilience:Retry:MaxDelay"] = "00:00:05",
    };

    private FlakyUpstream _upstream = null!;
    private readonly string _key = Guid.NewGuid().ToString("N");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _upstream = await FlakyUpstream.StartAsync();

    public async ValueTask DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Get_FailingTwiceWith503_IsRetriedUntilItSucceeds()
    {
        using var services = Services();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");

        using var response = await client.GetAsync(_upstream.Url(_key, fail: 2), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _upstream.Hits(_key));
    }

    [Fact]
    public async Task Retries_AreCountedInStreamWatchMetrics()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(FastRetries).Build();
        var collection = new ServiceCollection().AddLogging().AddMetrics().AddSingleton<IConfiguration>(configuration);
        collection.AddHttpClient("upstream").AddStandardResilience();
        using var services = collection.BuildServiceProvider();
        using var collector = new StreamWatch.ServiceDefaults.Metrics.MetricsCollector(new() { Meters = ["StreamWatch.Resilience"] }, services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");

        (await client.GetAsync(_upstream.Url(_key, fail: 2), Ct)).Dispose();

        Assert.Contains("\nstreamwatch_http_client_retries_total{client=\"upstream\",reason=\"5xx\"} 2\n", Support.ExpositionText.Render(collector), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", 4)]
    [InlineData("HEAD", 4)]
    [InlineData("OPTIONS", 4)]
    [InlineData("PUT", 4)]
    [InlineData("DELETE", 4)]
    [InlineData("POST", 1)]
    [InlineData("PATCH", 1)]
    public async Task Request_AlwaysFailing_IsRetriedOnlyWhenIdempotent(string method, int expectedAttempts)
    {
        using var services = Services();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");
        using var request = new HttpRequestMessage(new HttpMethod(method), _upstream.Url(_key, fail: 100, status: 500))
        {
            Content = method is "PUT" or "POST" or "PATCH" ? new StringContent("{}") : null,
        };

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(expectedAttempts, _upstream.Hits(_key));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(502)]
    public async Task Get_TransientStatus_IsRetried(int status)
    {
        using var services = Services();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");

        using var response = await client.GetAsync(_upstream.Url(_key, fail: 1, status: status), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _upstream.Hits(_key));
    }

    [Fact]
    public async Task Get_404_IsNotRetried()
    {
        using var services = Services();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");

        using var response = await client.GetAsync(_upstream.Url(_key, fail: 1, status: 404), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, _upstream.Hits(_key));
    }

    [Fact]
    public async Task Get_429WithRetryAfter_WaitsAsLongAsTheServerAsked()
    {
        using var services = Services();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");
        var stopwatch = Stopwatch.StartNew();

        using var response = await client.GetAsync(_upstream.Url(_key, fail: 1, status: 429, retryAfter: "1"), Ct);

        // The backoff alone would have waited about a millisecond.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {stopwatch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(2, _upstream.Hits(_key));
    }

    [Fact]
    public async Task Get_RetryAfterLongerThanMaxDelay_ReturnsTheResponseWithoutWaiting()
    {
        using var services = Services();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");

        using var response = await client.GetAsync(_upstream.Url(_key, fail: 1, status: 503, retryAfter: "120"), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _upstream.Hits(_key));
    }

    [Fact]
    public async Task Get_HangingAttempt_TimesOutAndIsRetried()
    {
        using var services = Services(new() { ["Resilience:AttemptTimeout"] = "00:00:00.2" });
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");

        using var response = await client.GetAsync(_upstream.Url(_key, fail: 1, hangMs: 10_000), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _upstream.Hits(_key));
    }

    [Fact]
    public async Task Get_AlwaysHanging_FailsWithTimeoutRejectedWhenTheTotalTimeoutPasses()
    {
        using var services = Services(new() { ["Resilience:AttemptTimeout"] = "00:00:00.2", ["Resilience:TotalRequestTimeout"] = "00:00:00.5" });
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.GetAsync(_upstream.Url(_key, fail: 100, hangMs: 10_000), Ct));
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("POST", false)]
    public async Task ConnectionDroppedBeforeAResponse_IsRetriedAsATransportErrorOnlyWhenIdempotent(string method, bool retried)
    {
        // A real peer that accepts each connection and closes it without answering. SocketsHttpHandler
        // may itself reconnect once or twice, so compare with the same request on a raw client.
        await using var dropper = DroppingListener.Start();
        using var services = Services(null, http => http.RemoveStandardResilience());
        var raw = await CountConnectionsAsync(dropper, services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream"), method);
        using var resilientServices = Services();
        var resilient = await CountConnectionsAsync(dropper, resilientServices.GetRequiredService<IHttpClientFactory>().CreateClient("upstream"), method);

        Assert.True(raw >= 1);
        if (retried)
        {
            Assert.True(resilient > raw, $"raw client: {raw} connections, resilient client: {resilient}");
        }
        else
        {
            Assert.Equal(raw, resilient);
        }
    }

    private static async Task<int> CountConnectionsAsync(DroppingListener dropper, HttpClient client, string method)
    {
        var before = dropper.Accepted;
        using var request = new HttpRequestMessage(new HttpMethod(method), dropper.Url) { Content = method == "POST" ? new StringContent("{}") : null };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request, Ct));
        await Task.Delay(100, Ct); // let the accept loop count the last connection
        return dropper.Accepted - before;
    }

    private sealed class DroppingListener : IAsyncDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;
        private int _accepted;

        public int Accepted => Volatile.Read(ref _accepted);

        public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public static DroppingListener Start()
        {
            var dropper = new DroppingListener();
            dropper._listener.Start();
            dropper._loop = dropper.RunAsync();
            return dropper;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }

            _stop.Dispose();
        }

        private async Task RunAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
            }
        }
    }

    [Fact]
    public async Task Get_503WithRetryAfterDate_WaitsUntilThatDate()
    {
        using var services = Services();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");
        var stopwatch = Stopwatch.StartNew();
        var date = DateTimeOffset.UtcNow.AddSeconds(2).ToString("r", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await client.GetAsync(_upstream.Url(_key, fail: 1, status: 503, retryAfter: date), Ct);

        // HTTP dates have whole seconds: the wait is between one and two seconds.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {stopwatch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(2, _upstream.Hits(_key));
    }

    [Fact]
    public async Task CircuitBreaker_AfterRepeatedFailures_OpensForThatAuthorityOnly()
    {
        await using var healthy = await FlakyUpstream.StartAsync();
        using var services = Services(new()
        {
            ["Resilience:Retry:MaxRetryAttempts"] = "0",
            ["Resilience:CircuitBreaker:MinimumThroughput"] = "2",
            ["Resilience:CircuitBreaker:FailureRatio"] = "0.5",
            ["Resilience:CircuitBreaker:BreakDuration"] = "00:01:00",
        });
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");

        (await client.GetAsync(_upstream.Url(_key, fail: 100), Ct)).Dispose();
        (await client.GetAsync(_upstream.Url(_key, fail: 100), Ct)).Dispose();
        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetAsync(_upstream.Url(_key, fail: 100), Ct));
        using var other = await client.GetAsync(healthy.Url(_key, fail: 0), Ct);

        Assert.Equal(2, _upstream.Hits(_key));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task CircuitState_SurvivesHandlerRecycling()
    {
        using var services = Services(
            new()
            {
                ["Resilience:Retry:MaxRetryAttempts"] = "0",
                ["Resilience:CircuitBreaker:MinimumThroughput"] = "2",
                ["Resilience:CircuitBreaker:FailureRatio"] = "0.5",
                ["Resilience:CircuitBreaker:BreakDuration"] = "00:01:00",
            },
            http => http.SetHandlerLifetime(TimeSpan.FromSeconds(1))); // the shortest the factory allows
        var factory = services.GetRequiredService<IHttpClientFactory>();

        (await factory.CreateClient("upstream").GetAsync(_upstream.Url(_key, fail: 100), Ct)).Dispose();
        await Task.Delay(1_100, Ct); // past the handler lifetime: the next client gets a new handler
        (await factory.CreateClient("upstream").GetAsync(_upstream.Url(_key, fail: 100), Ct)).Dispose();
        await Task.Delay(1_100, Ct); // past the handler lifetime: the next client gets a new handler

        await Assert.ThrowsAsync<BrokenCircuitException>(() => factory.CreateClient("upstream").GetAsync(_upstream.Url(_key, fail: 100), Ct));
    }

    [Fact]
    public async Task ClientSection_OverridesTheSharedSettings()
    {
        using var services = Services(new() { ["Resilience:Clients:upstream:Retry:MaxRetryAttempts"] = "0" });
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");

        using var response = await client.GetAsync(_upstream.Url(_key, fail: 1), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _upstream.Hits(_key));
    }

    [Fact]
    public async Task RemoveStandardResilience_LeavesTheClientRaw()
    {
        using var services = Services(null, http => http.RemoveStandardResilience());
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");

        using var response = await client.GetAsync(_upstream.Url(_key, fail: 1), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _upstream.Hits(_key));
    }

    [Fact]
    public async Task AddServiceDefaults_GivesEveryClientStandardResilience()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(FastRetries);
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient("anything");
        using var host = builder.Build();
        await host.StartAsync(Ct);

        using var response = await host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("anything").GetAsync(_upstream.Url(_key, fail: 1), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _upstream.Hits(_key));
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task InvalidSettings_FailHostStartNamingEachSetting()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Resilience:TotalRequestTimeout"] = "00:00:05",
            ["Resilience:AttemptTimeout"] = "00:00:10",
            ["Resilience:Retry:MaxRetryAttempts"] = "-1",
            ["Resilience:CircuitBreaker:FailureRatio"] = "1.5",
            ["Resilience:CircuitBreaker:BreakDuration"] = "00:00:00.1",
        });
        builder.Services.AddHttpClient("upstream").AddStandardResilience();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Resilience:AttemptTimeout must not exceed Resilience:TotalRequestTimeout (00:00:05) (was 00:00:10)", ex.Failures);
        Assert.Contains("Resilience:Retry:MaxRetryAttempts must be between 0 and 100 (was -1)", ex.Failures);
        Assert.Contains("Resilience:CircuitBreaker:FailureRatio must be greater than 0 and at most 1 (was 1.5)", ex.Failures);
        Assert.Contains("Resilience:CircuitBreaker:BreakDuration must be >= 00:00:00.5000000 (was 00:00:00.1000000)", ex.Failures);
    }

    private static ServiceProvider Services(Dictionary<string, string?>? settings = null, Action<IHttpClientBuilder>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(FastRetries).AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        var http = services.AddHttpClient("upstream").AddStandardResilience();
        configure?.Invoke(http);
        return services.BuildServiceProvider();
    }
}
