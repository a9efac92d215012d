using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using StreamWatch.Alerting;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Notifications;
using StreamWatch.Alerting.Store;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Benchmarks.Alerting;

/// <summary>
/// <c>alerting-webhooks [--seconds 30] [--rate 2000] [--streams 25] [--stale-every 100]</c>: the rule
/// engine fed probe reports at a sustained rate (half manifest polls, half segments, over streams × 2
/// CDNs × 4 renditions); one manifest poll in <c>--stale-every</c> is stale, which fires ManifestStale
/// (overridden to <c>for: 0</c>, so latency excludes <c>for</c>) and the next good poll resolves it.
/// Each notified transition is committed to a real redis-server's outbox (RPUSH + PUBLISH in one Lua
/// script, by a small sink in this bench standing in for the store), the webhook dispatcher renders,
/// queues and POSTs it to a Kestrel receiver on loopback. Prints detection-to-sent latency (transition
/// time to the receiver's 2xx, from <c>streamwatch_webhook_notification_latency_seconds</c>)
/// p50/p90/p99/max and CPU used (cores) by this process (engine, dispatcher, receiver and load
/// generator together) and by redis-server. Bounded: stops after the run plus up to 10 s of drain.
/// </summary>
internal static class AlertingWebhooksBenchmark
{
    private static readonly string[] Renditions = ["1080p", "720p", "480p", "360p"];
    private static readonly string[] Cdns = ["cdn-a", "cdn-b"];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 30);
        var rate = Option(args, "--rate", 2000);
        var streams = Option(args, "--streams", 25);
        var staleEvery = Option(args, "--stale-every", 100);
        var useStore = args.Contains("--store");

        var redisPort = FreePort();
        var redisDir = Directory.CreateTempSubdirectory("streamwatch-bench-redis-").FullName;
        using var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDir])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server).");
        redis.OutputDataReceived += static (_, _) => { };
        redis.BeginOutputReadLine();
        await using var receiver = await StartReceiverAsync().ConfigureAwait(false);
        try
        {
            var connectionString = $"127.0.0.1:{redisPort}";
            await WaitForRedisAsync(connectionString).ConfigureAwait(false);
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:redis"] = connectionString,
                ["Alerting:FlapWindow"] = "00:00:00",
                ["Rules:0:Name"] = "ManifestStale",
                ["Rules:0:For"] = "00:00:00",
                ["Rules:0:ClearFor"] = "00:00:00",
                ["Rules:0:ClearAfterReports"] = "1",
                ["Webhooks:0:Name"] = "bench",
                ["Webhooks:0:Url"] = receiver.Url,
                ["Webhooks:0:Secret"] = "bench-secret",
            });
            builder.Services.AddSingleton<OutboxSink>();
            builder.Services.AddSingleton<IAlertEventSink>(static sp => sp.GetRequiredService<OutboxSink>());
            builder.AddAlerting();
            if (useStore)
            {
                builder.AddAlertStore();
            }
            using var host = builder.Build();

            var latencies = new List<double>(4096);
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "StreamWatch.Alerting" && instrument.Name == "webhook.notification_latency")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                lock (latencies)
                {
                    latencies.Add(value);
                }
            });
            listener.Start();

            await host.StartAsync().ConfigureAwait(false);
            var sink = host.Services.GetRequiredService<OutboxSink>();
            if (!useStore)
            {
                sink.Start(await ConnectionMultiplexer.ConnectAsync(connectionString).ConfigureAwait(false), host.Services.GetRequiredService<RedisKeyspace>());
            }

            var engine = host.Services.GetRequiredService<IAlertEngine>();
            var feed = new Feed(streams, staleEvery);

            Console.WriteLine($"alerting-webhooks: {rate:N0} reports/s for {seconds} s over {streams} streams x {Cdns.Length} CDNs x {Renditions.Length} renditions; 1 manifest poll in {staleEvery} stale (ManifestStale for: 0); real redis-server {connectionString}; receiver {receiver.Url}");
            Console.WriteLine(useStore
                ? "outbox: committed by the alert store (AddAlertStore: the transition's Lua commit appends the record)"
                : "outbox: committed by a bench sink (RPUSH + PUBLISH in one Lua script); --store uses the alert store instead");

            // Warm-up: JIT, connections, Lua scripts cached.
            await DriveAsync(engine, feed, rate, TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            await DrainAsync(sink, receiver).ConfigureAwait(false);
            lock (latencies)
            {
                latencies.Clear();
            }

            var loadBefore = LoadAverage();
            var committedBefore = sink.Committed;
            var receivedBefore = receiver.Accepted;
            var self = Process.GetCurrentProcess();
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var redisCpuBefore = CpuSeconds(redis.Id);
            var wall = Stopwatch.StartNew();
            var sent = await DriveAsync(engine, feed, rate, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            var elapsed = wall.Elapsed;
            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
            var redisCpu = CpuSeconds(redis.Id) - redisCpuBefore;
            var drained = await DrainAsync(sink, receiver).ConfigureAwait(false);

            double[] values;
            lock (latencies)
            {
                values = [.. latencies];
            }

            Array.Sort(values);
            var notifications = sink.Committed - committedBefore;
            Console.WriteLine($"reports: {sent:N0} in {elapsed.TotalSeconds:F1} s = {sent / elapsed.TotalSeconds:N0}/s");
            Console.WriteLine($"notifications committed: {notifications:N0}, webhooks accepted: {receiver.Accepted - receivedBefore:N0}, drained: {drained}");
            Console.WriteLine($"detection-to-webhook-sent latency (ms): p50 {Percentile(values, 0.50):F2}  p90 {Percentile(values, 0.90):F2}  p99 {Percentile(values, 0.99):F2}  max {(values.Length == 0 ? 0 : values[^1] * 1000):F2}  (n={values.Length})");
            Console.WriteLine($"machine load average (1 min) before/after: {loadBefore} / {LoadAverage()} on {Environment.ProcessorCount} cores: latency above a few ms is mostly waiting for a core");
            Console.WriteLine($"CPU: this process {cpu / elapsed.TotalSeconds:F2} cores (engine + dispatcher + receiver + load generator), redis-server {redisCpu / elapsed.TotalSeconds:F2} cores");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT rate={sent / elapsed.TotalSeconds:F0} notifications={notifications} p50_ms={Percentile(values, 0.50):F2} p90_ms={Percentile(values, 0.90):F2} p99_ms={Percentile(values, 0.99):F2} cpu_cores={cpu / elapsed.TotalSeconds:F2} redis_cpu_cores={redisCpu / elapsed.TotalSeconds:F2}"));
            await sink.DisposeAsync().ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);
            return drained ? 0 : 1;
        }
        finally
        {
            redis.Kill(entireProcessTree: true);
            await redis.WaitForExitAsync().ConfigureAwait(false);
            Directory.Delete(redisDir, recursive: true);
        }
    }

    /// <summary>Feeds reports at <paramref name="rate"/> per second in 5 ms ticks; returns how many were sent.</summary>
    private static async Task<long> DriveAsync(IAlertEngine engine, Feed feed, int rate, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        long sent = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (watch.Elapsed < duration && await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            // Catch up to the schedule: a late tick sends more, so the rate holds on a busy machine.
            var due = (long)(watch.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                engine.Ingest(feed.Next());
            }
        }

        return sent;
    }

    private static async Task<bool> DrainAsync(OutboxSink sink, Receiver receiver)
    {
        var guard = Stopwatch.StartNew();
        while (guard.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (receiver.Accepted >= sink.Committed && sink.Pending == 0)
            {
                return true;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return false;
    }

    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)] * 1000;

    /// <summary>Pre-built reports, cycled: per rendition a good poll, a stale poll and a segment.</summary>
    private sealed class Feed
    {
        private readonly ProbeReport[] _good;
        private readonly ProbeReport[] _stale;
        private readonly ProbeReport[] _segments;
        private readonly int _staleEvery;
        private long _n;
        private long _manifests;

        public Feed(int streams, int staleEvery)
        {
            _staleEvery = staleEvery;
            var count = streams * Cdns.Length * Renditions.Length;
            _good = new ProbeReport[count];
            _stale = new ProbeReport[count];
            _segments = new ProbeReport[count];
            var i = 0;
            for (var s = 0; s < streams; s++)
            {
                foreach (var cdn in Cdns)
                {
                    foreach (var rendition in Renditions)
                    {
                        var reference = new StreamRef { StreamId = $"stream-{s + 1}", Cdn = cdn, RenditionId = rendition };
                        _good[i] = Manifest(reference, age: 2);
                        _stale[i] = Manifest(reference, age: 12);
                        _segments[i] = new ProbeReport
                        {
                            Segment = new SegmentResult
                            {
                                Ref = reference,
                                Fetch = new FetchResult { Outcome = FetchOutcome.Ok, HttpStatus = 200, Timings = new FetchTimings { Total = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) } },
                                Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(6)),
                            },
                        };
                        i++;
                    }
                }
            }
        }

        public ProbeReport Next()
        {
            var n = _n++;
            var index = (int)((n / 2) % _good.Length);
            if (n % 2 == 1)
            {
                return _segments[index];
            }

            // Spread stale polls over renditions with a stride coprime to their count, so CDNs of one
            // stream are rarely stale together (that would be an origin alert, also notified).
            var m = _manifests++;
            return m % _staleEvery == 0 ? _stale[(int)((m / _staleEvery * 7) % _stale.Length)] : _good[index];
        }

        private static ProbeReport Manifest(StreamRef reference, double age) => new()
        {
            Manifest = new ManifestPoll
            {
                Ref = reference,
                Fetch = new FetchResult
                {
                    Outcome = FetchOutcome.Ok,
                    HttpStatus = 200,
                    Url = $"https://{reference.Cdn}.example/{reference.StreamId}/{reference.RenditionId}.m3u8",
                    CdnHeaders = { ["Age"] = age.ToString(CultureInfo.InvariantCulture), ["X-Cache"] = "HIT" },
                },
                MediaSequence = 100,
                TargetDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(6)),
                PlaylistAge = Duration.FromTimeSpan(TimeSpan.FromSeconds(age)),
                Stale = age > 9,
                SegmentCount = 5,
            },
        };
    }

    /// <summary>
    /// Stands in for the store's commit until it lands: each notified transition becomes a
    /// NotificationRecord appended to the outbox with a PUBLISH of the outbox signal, in one Lua script.
    /// </summary>
    private sealed class OutboxSink : IAlertEventSink, IAsyncDisposable
    {
        private const string Commit = """
            redis.call('incr', KEYS[2])
            redis.call('rpush', KEYS[1], ARGV[1])
            redis.call('publish', KEYS[3], '1')
            return 1
            """;

        private readonly Channel<AlertTransition> _queue = Channel.CreateUnbounded<AlertTransition>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Dictionary<string, long> _ordinals = new(StringComparer.Ordinal);
        private Task _writer = Task.CompletedTask;
        private ConnectionMultiplexer? _redis;
        private long _committed;
        private long _pending;

        public long Committed => Interlocked.Read(ref _committed);

        public long Pending => Interlocked.Read(ref _pending);

        public void Start(ConnectionMultiplexer redis, RedisKeyspace keys)
        {
            _redis = redis;
            _writer = Task.Run(async () =>
            {
                var db = redis.GetDatabase();
                await foreach (var transition in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    var fingerprint = transition.Alert.Fingerprint;
                    var ordinal = _ordinals[fingerprint] = _ordinals.GetValueOrDefault(fingerprint) + 1;
                    var json = JsonSerializer.Serialize(NotificationRecord.From(transition, ordinal), NotificationJsonContext.Default.NotificationRecord);
                    await db.ScriptEvaluateAsync(Commit, [keys.Outbox, keys.NotificationOrdinal(fingerprint), keys.OutboxSignal], [json]).ConfigureAwait(false);
                    Interlocked.Increment(ref _committed);
                    Interlocked.Decrement(ref _pending);
                }
            });
        }

        public void OnTransition(AlertTransition transition)
        {
            if (!transition.Notify)
            {
                return;
            }

            if (_redis is null)
            {
                // --store: the alert store commits; this only counts what should arrive.
                Interlocked.Increment(ref _committed);
                return;
            }

            Interlocked.Increment(ref _pending);
            _queue.Writer.TryWrite(transition);
        }

        public void OnIncident(Incident incident)
        {
        }

        public async ValueTask DisposeAsync()
        {
            _queue.Writer.TryComplete();
            await _writer.ConfigureAwait(false);
            _redis?.Dispose();
        }
    }

    private sealed class Receiver(WebApplication app, string url) : IAsyncDisposable
    {
        private long _accepted;

        public string Url { get; } = url;

        public long Accepted => Interlocked.Read(ref _accepted);

        public void Count() => Interlocked.Increment(ref _accepted);

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<Receiver> StartReceiverAsync()
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new Receiver(app, $"http://127.0.0.1:{port}/hook");
        app.MapPost("/hook", async (HttpContext context) =>
        {
            // Read the body as a real receiver would before answering.
            var buffer = new byte[4096];
            while (await context.Request.Body.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }

            receiver.Count();
            return Results.Ok();
        });
        await app.StartAsync().ConfigureAwait(false);
        return receiver;
    }

    private static async Task WaitForRedisAsync(string connectionString)
    {
        var guard = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString).ConfigureAwait(false);
                if (connection.IsConnected)
                {
                    return;
                }
            }
            catch (RedisConnectionException) when (guard.Elapsed < TimeSpan.FromSeconds(10))
            {
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private static double CpuSeconds(int pid)
    {
        // /proc/<pid>/stat fields 14 and 15: utime and stime in clock ticks (100 per second on Linux).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
