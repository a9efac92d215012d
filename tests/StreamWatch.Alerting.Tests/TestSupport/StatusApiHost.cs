using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Alerting.Apis;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Contracts.V1;
using StreamWatch.Testing.Processes;
using StreamWatch.Testing.Time;

namespace StreamWatch.Alerting.Tests.TestSupport;

/// <summary>
/// The alerting service's engine and status API on real Kestrel (127.0.0.1, a free port), on a
/// manual clock, fed through <see cref="IAlertEngine.Ingest"/>.
/// </summary>
internal sealed class StatusApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StatusApiHost(WebApplication app, ManualTimeProvider time, Uri address)
    {
        _app = app;
        Time = time;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ManualTimeProvider Time { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IAlertEngine Engine => _app.Services.GetRequiredService<IAlertEngine>();

    public IServiceProvider Services => _app.Services;

    public static async Task<StatusApiHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["streams:0:id"] = "final-hindi",
            ["streams:0:name"] = "Cricket final (Hindi)",
            ["streams:1:id"] = "news",
            ["streams:1:name"] = "News <24/7> & \"more\"",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.AddAlerting();
        builder.AddStatusApi();
        var app = builder.Build();
        app.MapStatusApi();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new StatusApiHost(app, time, new Uri($"http://127.0.0.1:{port}/"));
    }

    public void Advance(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>One manifest poll of <paramref name="cdn"/> (a failed fetch when <paramref name="ok"/> is false).</summary>
    public void Poll(string cdn, bool ok = true, string stream = "final-hindi", string rendition = "720p", bool origin = false)
    {
        var poll = new ManifestPoll
        {
            Ref = new StreamRef { StreamId = stream, Cdn = cdn, RenditionId = rendition, Origin = origin },
            Fetch = new FetchResult { Outcome = ok ? FetchOutcome.Ok : FetchOutcome.HttpError, HttpStatus = ok ? 200 : 503 },
            MediaSequence = 100,
            TargetDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(6)),
            PlaylistAge = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)),
            SegmentCount = 5,
        };
        Engine.Ingest(new ProbeReport { ObservedAt = Timestamp.FromDateTimeOffset(Time.GetUtcNow()), Manifest = poll });
    }

    /// <summary>Makes <paramref name="cdn"/> fail until ManifestUnavailable fires (for 10 s), the other CDN healthy.</summary>
    public void FireManifestUnavailable(string cdn, string healthyCdn)
    {
        for (var i = 0; i < 14; i++)
        {
            Poll(healthyCdn);
            Poll(cdn, ok: false);
            Advance(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
