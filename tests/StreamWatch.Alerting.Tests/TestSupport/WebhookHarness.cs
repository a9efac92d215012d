using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Notifications;
using StreamWatch.Alerting.Store;
using StreamWatch.Alerting.Webhooks;
using StreamWatch.Contracts.V1;
using StreamWatch.Testing.Processes;
using StreamWatch.Testing.Time;
using Alert = StreamWatch.Alerting.Lifecycle.Alert;

namespace StreamWatch.Alerting.Tests.TestSupport;

/// <summary>
/// A real redis-server, a real receiver, and the webhook dispatcher in a host on a manual clock.
/// The outbox is fed the way the store feeds it: RPUSH of <see cref="NotificationRecord"/> JSON.
/// </summary>
internal sealed class WebhookHarness : IAsyncDisposable
{
    public const string Receiver = "failover";

    private readonly Dictionary<string, string?> _settings;
    private readonly Dictionary<string, long> _ordinals = new(StringComparer.Ordinal);
    private IHost? _host;
    private int _committed;

    private WebhookHarness(RedisServer redis, WebhookReceiver receiver, ConnectionMultiplexer connection, Dictionary<string, string?> settings, EngineHarness engine)
    {
        Engine = engine;
        Redis = redis;
        Hook = receiver;
        Connection = connection;
        _settings = settings;
        Keys = new RedisKeyspace(RedisKeyspace.DefaultPrefix);
    }

    public RedisServer Redis { get; }

    public WebhookReceiver Hook { get; }

    public ConnectionMultiplexer Connection { get; }

    public RedisKeyspace Keys { get; }

    /// <summary>The engine (for recommendations) and its manual clock, shared with the dispatcher.</summary>
    public EngineHarness Engine { get; }

    public ManualTimeProvider Time => Engine.Time;

    /// <summary>Base address of the dispatcher's web host (the webhook API).</summary>
    public Uri ApiAddress { get; private set; } = new("http://127.0.0.1/");

    public IHost Host => _host ?? throw new InvalidOperationException("Not started.");

    internal WebhookDispatcher Dispatcher => Host.Services.GetRequiredService<WebhookDispatcher>();

    public static async Task<WebhookHarness> StartAsync(Dictionary<string, string?>? receiverSettings = null, string format = "streamwatch", EngineHarness? engine = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var redis = await RedisServer.StartAsync(appendOnly: false, ct);
        var receiver = await WebhookReceiver.StartAsync();
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["Alerting:Webhooks:PollInterval"] = "00:00:01",
            ["Webhooks:0:Name"] = Receiver,
            ["Webhooks:0:Url"] = receiver.Url,
            ["Webhooks:0:Secret"] = receiver.Secret,
            ["Webhooks:0:Format"] = format,
            ["Webhooks:0:BackoffBase"] = "00:00:01",
            ["Webhooks:0:BackoffMax"] = "00:00:10",
        };
        foreach (var (key, value) in receiverSettings ?? [])
        {
            settings[key] = value;
        }

        var harness = new WebhookHarness(redis, receiver, connection, settings, engine ?? new EngineHarness());
        await harness.StartDispatcherAsync();
        return harness;
    }

    public async Task StartDispatcherAsync() => _host = await StartReplicaAsync();

    /// <summary>Starts another alerting replica's dispatcher on the same Redis and receiver; the caller disposes it.</summary>
    public async Task<WebApplication> StartReplicaAsync()
    {
        // The service's own composition: a web host with AddWebhooks and MapWebhooksApi on loopback.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<IAlertEngine>(Engine.Engine);
        builder.AddWebhooks();
        var app = builder.Build();
        app.MapWebhooksApi();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        ApiAddress = new Uri(address.TrimEnd('/') + "/");
        return app;
    }

    public async Task StopDispatcherAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            await ((IAsyncDisposable)_host).DisposeAsync();
            _host = null;
        }
    }

    /// <summary>A notification of alert <paramref name="fingerprint"/>, as the store would append it.</summary>
    public NotificationRecord Notification(string fingerprint, long ordinal, bool resolved = false, string cdn = "cdn-a")
    {
        var at = Time.GetUtcNow();
        var alert = new Alert
        {
            Fingerprint = fingerprint,
            Rule = "ManifestStale",
            Severity = AlertSeverity.Critical,
            State = resolved ? AlertLifecycleState.Resolved : AlertLifecycleState.Firing,
            Stream = EngineHarness.StreamId,
            Cdn = cdn,
            Rendition = "720p",
            Labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["cdn"] = cdn, ["rendition"] = "720p", ["rule"] = "ManifestStale", ["stream"] = EngineHarness.StreamId },
            StartsAt = at.AddSeconds(-30),
            EndsAt = resolved ? at : null,
            Summary = $"{cdn} has served the same 720p playlist for 9.1 s (target duration 6 s)",
        };
        var transition = new AlertTransition(resolved ? AlertLifecycleState.Firing : AlertLifecycleState.Pending, alert.State, at, alert, NotificationSuppression.None);
        return NotificationRecord.From(transition, ordinal);
    }

    public async Task PushAsync(NotificationRecord record)
    {
        var db = Connection.GetDatabase();
        await db.ListRightPushAsync(Keys.Outbox, JsonSerializer.Serialize(record, NotificationJsonContext.Default.NotificationRecord));
        await db.PublishAsync(Keys.OutboxSignal, "1");
    }

    /// <summary>
    /// Appends the engine's notified transitions not yet appended, numbered per alert, as the store
    /// does in its commit; returns how many it appended.
    /// </summary>
    public async Task<int> CommitNotifiedAsync()
    {
        var notified = Engine.Sink.Notified();
        var appended = 0;
        for (var i = _committed; i < notified.Count; i++)
        {
            var fingerprint = notified[i].Alert.Fingerprint;
            var ordinal = _ordinals[fingerprint] = _ordinals.GetValueOrDefault(fingerprint) + 1;
            await PushAsync(NotificationRecord.From(notified[i], ordinal));
            appended++;
        }

        _committed = notified.Count;
        return appended;
    }

    /// <summary>
    /// Advances the manual clock by <paramref name="step"/> every few real milliseconds until
    /// <paramref name="done"/> holds; fails after 60 s of real time (a hang guard, not a timing assert).
    /// </summary>
    public async Task DriveUntilAsync(Func<bool> done, TimeSpan step)
    {
        var guard = DateTime.UtcNow.AddSeconds(60);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < guard, "Hang guard: the condition did not hold within 60 s of real time.");
            Time.Advance(step);
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits (real time, the clock standing) until <paramref name="done"/> holds; 60 s hang guard.</summary>
    public static async Task WaitUntilAsync(Func<bool> done)
    {
        var guard = DateTime.UtcNow.AddSeconds(60);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < guard, "Hang guard: the condition did not hold within 60 s of real time.");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    public long Length(RedisKey key) => Connection.GetDatabase().ListLength(key);

    public async ValueTask DisposeAsync()
    {
        await StopDispatcherAsync();
        Connection.Dispose();
        await Hook.DisposeAsync();
        await Redis.DisposeAsync();
        Engine.Dispose();
    }
}
