using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Alerting;
using StreamWatch.Alerting.Apis;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Contracts.V1;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Gateway.Tests.TestSupport;

/// <summary>
/// The real alerting service (engine + status API, the same registrations as its Program.cs) on
/// Kestrel at 127.0.0.1 and a free port, on the system clock. Reports go straight into its engine
/// through <see cref="IAlertEngine.Ingest"/>, as the gRPC ingest does.
/// </summary>
internal sealed class AlertingHost : IAsyncDisposable
{
    public const string HindiName = "Cricket final (Hindi)";
    public const string NewsName = "News <24/7> & \"more\"";

    private readonly WebApplication _app;
    private readonly Dictionary<(string Stream, string Cdn), bool> _feeds = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _prober;

    private AlertingHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        _prober = Task.Run(ProbeAsync);
    }

    public Uri Address { get; }

    public IAlertEngine Engine => _app.Services.GetRequiredService<IAlertEngine>();

    /// <summary>Event-stream clients alerting serves now (the gateway should be one, whatever the number of browsers).</summary>
    public int EventClients => _app.Services.GetRequiredService<StatusEventHub>().ClientCount;

    public static Task<AlertingHost> StartAsync() => StartAtAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));

    /// <summary>Starts on <paramref name="address"/> (to restart on the address a gateway already follows).</summary>
    public static async Task<AlertingHost> StartAtAsync(Uri address)
    {
        var port = address.Port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["streams:0:id"] = "final-hindi",
            ["streams:0:name"] = HindiName,
            ["streams:1:id"] = "news",
            ["streams:1:name"] = NewsName,
        });
        builder.AddAlerting();
        builder.AddStatusApi();
        var app = builder.Build();
        app.MapStatusApi();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new AlertingHost(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>One manifest poll of <paramref name="cdn"/> (a failed fetch when <paramref name="ok"/> is false).</summary>
    public void Poll(string cdn, bool ok = true, string stream = "final-hindi")
    {
        var poll = new ManifestPoll
        {
            Ref = new StreamRef { StreamId = stream, Cdn = cdn, RenditionId = "720p" },
            Fetch = new FetchResult { Outcome = ok ? FetchOutcome.Ok : FetchOutcome.HttpError, HttpStatus = ok ? 200 : 503 },
            MediaSequence = 100,
            TargetDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(6)),
            PlaylistAge = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)),
            SegmentCount = 5,
        };
        Engine.Ingest(new ProbeReport { ObservedAt = Timestamp.FromDateTime(DateTime.UtcNow), Manifest = poll });
    }

    /// <summary>
    /// Keeps polling <paramref name="cdn"/> of <paramref name="stream"/> twice a second, as a probe
    /// would (health ages without reports), succeeding or failing per <paramref name="ok"/>.
    /// </summary>
    public void Feed(string stream, string cdn, bool ok)
    {
        lock (_feeds)
        {
            _feeds[(stream, cdn)] = ok;
        }

        Poll(cdn, ok, stream);
    }

    /// <summary>Both CDNs of final-hindi healthy, and kept so.</summary>
    public void Healthy()
    {
        Feed("final-hindi", "cdn-a", ok: true);
        Feed("final-hindi", "cdn-b", ok: true);
        for (var i = 0; i < 3; i++)
        {
            Poll("cdn-a");
            Poll("cdn-b");
        }
    }

    /// <summary>cdn-b fails from now on, with enough failures at once for its score to leave operational.</summary>
    public void BreakCdnB()
    {
        Feed("final-hindi", "cdn-b", ok: false);
        for (var i = 0; i < 30; i++)
        {
            Poll("cdn-b", ok: false);
        }
    }

    private async Task ProbeAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                KeyValuePair<(string Stream, string Cdn), bool>[] feeds;
                lock (_feeds)
                {
                    feeds = [.. _feeds];
                }

                foreach (var (key, ok) in feeds)
                {
                    Poll(key.Cdn, ok, key.Stream);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _prober;
        _stop.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
