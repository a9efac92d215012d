using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StreamWatch.Alerting;
using StreamWatch.Alerting.Ingest;
using StreamWatch.Alerting.Store;
using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Client;

namespace StreamWatch.Benchmarks.Alerting;

/// <summary>
/// <c>alerting-ingest</c>: probe reports through the alerting service's gRPC ingest with the Redis
/// store (a real redis-server, append-only, fsync every second), at a fixed rate: prints the time
/// from sending a report to receiving the ack that covers it (the report's effects and high-water
/// mark are in Redis by then) as percentiles, the rate sustained and the CPU the process used.
/// Every 500th report of a source fails, so the engine keeps some alerts moving.
/// Options: --reports N (default 20,000) --rate N reports/s (default 2,000) --timeout SECONDS (default 120).
/// </summary>
public static class AlertingIngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var reports = Option(args, "--reports", 20_000);
        var rate = Option(args, "--rate", 2_000);
        var timeout = TimeSpan.FromSeconds(Option(args, "--timeout", 120));
        var redisPort = FreePort();
        var data = Directory.CreateTempSubdirectory("streamwatch-bench-redis-").FullName;
        using var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", data, "--save", string.Empty, "--appendonly", "yes", "--appendfsync", "everysec"])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        try
        {
            await Task.Delay(500).ConfigureAwait(false);
            var grpcPort = FreePort();
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
                ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
                ["ConnectionStrings:redis"] = $"127.0.0.1:{redisPort}",
                ["Alerting:Redis:ReplicaId"] = "bench",
            });
            builder.AddAlerting();
            builder.AddAlertStore();
            builder.AddIngest();
            await using var app = builder.Build();
            app.MapIngest();
            await app.StartAsync().ConfigureAwait(false);

            Console.WriteLine($"alerting-ingest: {reports:N0} reports at {rate:N0}/s over one Report call; Redis append-only, fsync every second");
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var (latencies, wall) = await RunAsync(new Uri($"http://127.0.0.1:{grpcPort}"), reports, rate, timeout).ConfigureAwait(false);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Array.Sort(latencies);
            Console.WriteLine($"sustained: {reports / wall.TotalSeconds:N0} reports/s over {wall.TotalSeconds:F1} s");
            Console.WriteLine($"send → durable ack: p50 {Percentile(latencies, 0.50):F2} ms, p90 {Percentile(latencies, 0.90):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms");
            Console.WriteLine($"CPU (service + client in one process): {cpu.TotalSeconds:F2} s = {cpu.TotalSeconds / wall.TotalSeconds * 100:F0}% of one core; {cpu.TotalMilliseconds * 1000 / reports:F1} us per report");
            Console.WriteLine($"load average: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
            await app.StopAsync().ConfigureAwait(false);
            return 0;
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync().ConfigureAwait(false);
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(double[] Latencies, TimeSpan Wall)> RunAsync(Uri address, int reports, int rate, TimeSpan timeout)
    {
        using var channel = GrpcChannel.ForAddress(address);
        using var cancel = new CancellationTokenSource(timeout);
        using var call = new Ingest.IngestClient(channel).Report(cancellationToken: cancel.Token);
        await call.RequestStream.WriteAsync(new ProbeEnvelope { Hello = new ProbeHello { ProbeId = "bench-probe", Version = "bench" } }).ConfigureAwait(false);
        if (!await call.ResponseStream.MoveNext(cancel.Token).ConfigureAwait(false))
        {
            throw new InvalidOperationException("no hello ack");
        }

        var start = call.ResponseStream.Current.AckedSequence;
        var sentAt = new long[reports + 1];
        var latencies = new double[reports];
        var watch = Stopwatch.StartNew();
        var reader = Task.Run(async () =>
        {
            var acked = start;
            while (acked < start + reports && await call.ResponseStream.MoveNext(cancel.Token).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                var upTo = call.ResponseStream.Current.AckedSequence;
                for (var sequence = acked + 1; sequence <= upTo; sequence++)
                {
                    var index = (int)(sequence - start);
                    latencies[index - 1] = Stopwatch.GetElapsedTime(sentAt[index], now).TotalMilliseconds;
                }

                acked = Math.Max(acked, upTo);
            }
        });

        for (var i = 1; i <= reports; i++)
        {
            // Paced on the wall clock: report i is due at i / rate seconds.
            var due = TimeSpan.FromSeconds((double)i / rate);
            var ahead = due - watch.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(ahead, cancel.Token).ConfigureAwait(false);
            }

            sentAt[i] = Stopwatch.GetTimestamp();
            await call.RequestStream.WriteAsync(new ProbeEnvelope { Report = new SequencedReport { Sequence = start + i, Report = Report(i) } }).ConfigureAwait(false);
        }

        await reader.ConfigureAwait(false);
        var wall = watch.Elapsed;
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        return (latencies, wall);
    }

    private static ProbeReport Report(int i)
    {
        var source = i % 8;
        var ok = i / 8 % 500 != 0;
        return new ProbeReport
        {
            ObservedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Manifest = new ManifestPoll
            {
                Ref = new StreamRef { StreamId = "stream-" + (source / 2).ToString(CultureInfo.InvariantCulture), Cdn = source % 2 == 0 ? "cdn-a" : "cdn-b", RenditionId = "720p" },
                Fetch = new FetchResult { Outcome = ok ? FetchOutcome.Ok : FetchOutcome.HttpError, HttpStatus = ok ? 200 : 503 },
                MediaSequence = i,
                TargetDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(6)),
                PlaylistAge = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
                SegmentCount = 5,
            },
        };
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

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
