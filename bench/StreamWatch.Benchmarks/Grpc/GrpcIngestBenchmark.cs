using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Client;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Benchmarks.Grpc;

/// <summary>
/// <c>grpc-ingest</c>: reports per second through the probe-report bidi stream (Ingest.Report) on
/// loopback, against the .NET server and against a grpc-js server over the same .proto, each in
/// its own process pinned to one core (taskset; the .NET one also with DOTNET_PROCESSOR_COUNT=1),
/// the client on the other core. The client is the same .NET client for both, so the ratio compares
/// servers. Bounded: a fixed number of reports per run and a time limit per run.
/// Options: --reports N (default 1,000,000) --streams N (default 4) --flush-every N (default 32)
/// --timeout SECONDS (default 60) --skip-node --no-pin.
/// </summary>
public static class GrpcIngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var reports = Option(args, "--reports", 1_000_000);
        var streams = Option(args, "--streams", 4);
        var flushEvery = Option(args, "--flush-every", 32);
        var timeout = TimeSpan.FromSeconds(Option(args, "--timeout", 60));
        var skipNode = args.Contains("--skip-node");

        var samples = ReportSamples.Create(256);
        var (min, max, mean) = ReportSamples.Sizes(samples);
        var taskset = File.Exists("/usr/bin/taskset") ? "/usr/bin/taskset" : null;
        var pinned = taskset is not null && Environment.ProcessorCount >= 2 && !args.Contains("--no-pin");
        if (pinned && OperatingSystem.IsLinux())
        {
            // Client on core 1; servers on core 0.
            Process.GetCurrentProcess().ProcessorAffinity = 0b10;
        }

        Console.WriteLine($"grpc-ingest: {reports:N0} reports per run over {streams} bidi stream(s), flush every {flushEvery} writes");
        Console.WriteLine($"report size: {min}-{max} bytes, mean {mean:F0}");
        Console.WriteLine(pinned ? "pinning: server on core 0 (taskset -c 0), client on core 1" : "pinning: unavailable (no taskset or one core); results are indicative only");

        var dotnet = await MeasureServerAsync(".NET (StreamWatch.Grpc on Kestrel)", DotNetServerCommand(taskset, pinned), reports, streams, flushEvery, timeout, samples).ConfigureAwait(false);
        double? node = null;
        if (!skipNode)
        {
            var command = NodeServerCommand(taskset, pinned);
            if (command is null)
            {
                Console.WriteLine("grpc-js: skipped (node or tools/grpc-peer/node_modules missing: run `npm ci` in tools/grpc-peer)");
            }
            else
            {
                node = await MeasureServerAsync("grpc-js 1.14 (node)", command.Value, reports, streams, flushEvery, timeout, samples).ConfigureAwait(false);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"RESULT dotnet_reports_per_second={dotnet:F0}" + (node is { } n ? $" grpcjs_reports_per_second={n:F0} ratio={dotnet / n:F2}" : string.Empty));
        return 0;
    }

    private static async Task<double> MeasureServerAsync(string name, (string File, string[] Args, Dictionary<string, string> Env) command, int reports, int streams, int flushEvery, TimeSpan timeout, ProbeEnvelope[] samples)
    {
        var port = FreePort();
        using var server = Start(command.File, [.. command.Args, "--port", port.ToString(CultureInfo.InvariantCulture)], command.Env);
        try
        {
            await WaitForPortAsync(port, server, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            var client = new Ingest.IngestClient(channel);

            // Warm-up: JIT on both sides, connection and flow-control windows open.
            await RunAsync(client, Math.Max(reports / 10, 10_000), streams, flushEvery, timeout, samples).ConfigureAwait(false);
            var elapsed = await RunAsync(client, reports, streams, flushEvery, timeout, samples).ConfigureAwait(false);
            var rate = reports / elapsed.TotalSeconds;
            Console.WriteLine($"{name,-40} {rate,12:N0} reports/s  ({reports:N0} in {elapsed.TotalSeconds:F2} s)");
            return rate;
        }
        finally
        {
            try
            {
                server.StandardInput.Close();
                if (!server.WaitForExit(5_000))
                {
                    server.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    /// <summary>Sends <paramref name="total"/> reports split across streams and waits for every final ack.</summary>
    private static async Task<TimeSpan> RunAsync(Ingest.IngestClient client, int total, int streams, int flushEvery, TimeSpan timeout, ProbeEnvelope[] samples)
    {
        using var cts = new CancellationTokenSource(timeout);
        var perStream = total / streams;
        var watch = Stopwatch.StartNew();
        var tasks = new Task[streams];
        for (var s = 0; s < streams; s++)
        {
            var probeId = $"bench-probe-{s}";
            var count = s == streams - 1 ? total - (perStream * (streams - 1)) : perStream;
            // Each stream mutates the sequence of its own copies: a message must not change between
            // the size computation and the write.
            var own = Array.ConvertAll(samples, e => e.Clone());
            tasks[s] = Task.Run(() => StreamAsync(client, probeId, count, flushEvery, own, cts.Token), cts.Token);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return watch.Elapsed;
    }

    private static async Task StreamAsync(Ingest.IngestClient client, string probeId, int count, int flushEvery, ProbeEnvelope[] samples, CancellationToken cancellationToken)
    {
        using var call = client.Report(cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(new ProbeEnvelope { Hello = new ProbeHello { ProbeId = probeId } }, cancellationToken).ConfigureAwait(false);
        if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("No hello ack.");
        }

        // Acks are read concurrently, as a probe would, to free its outbox.
        var acks = Task.Run(async () =>
        {
            long last = 0;
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                last = call.ResponseStream.Current.AckedSequence;
            }

            return last;
        }, cancellationToken);

        var buffered = new WriteOptions(WriteFlags.BufferHint);
        for (var seq = 1; seq <= count; seq++)
        {
            // Serialization happens inside WriteAsync, so reusing the sample objects is safe.
            var envelope = samples[seq % samples.Length];
            envelope.Report.Sequence = seq;
            call.RequestStream.WriteOptions = seq % flushEvery == 0 || seq == count ? null : buffered;
            await call.RequestStream.WriteAsync(envelope, cancellationToken).ConfigureAwait(false);
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        var finalAck = await acks.ConfigureAwait(false);
        if (finalAck != count)
        {
            throw new InvalidOperationException($"{probeId}: final ack {finalAck}, expected {count}.");
        }
    }

    private static (string, string[], Dictionary<string, string>) DotNetServerCommand(string? taskset, bool pinned)
    {
        var self = Environment.ProcessPath!;
        string[] selfArgs = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? [typeof(GrpcIngestBenchmark).Assembly.Location, "grpc-ingest-server"]
            : ["grpc-ingest-server"];
        var env = new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["DOTNET_TieredPGO"] = "1" };
        return pinned ? (taskset!, ["-c", "0", self, .. selfArgs], env) : (self, selfArgs, env);
    }

    private static (string, string[], Dictionary<string, string>)? NodeServerCommand(string? taskset, bool pinned)
    {
        var node = File.Exists("/usr/bin/node") ? "/usr/bin/node" : File.Exists("/usr/local/bin/node") ? "/usr/local/bin/node" : null;
        var peer = FindPeerDirectory();
        if (node is null || peer is null || !Directory.Exists(Path.Combine(peer, "node_modules", "@grpc", "grpc-js")))
        {
            return null;
        }

        var script = Path.Combine(peer, "server.js");
        var env = new Dictionary<string, string>();
        return pinned ? (taskset!, ["-c", "0", node, script], env) : (node, [script], env);
    }

    private static Process Start(string file, string[] args, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  [server] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForPortAsync(int port, Process server, TimeSpan limit)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < limit)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {server.ExitCode}.");
            }

            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"The server did not listen on {port} within {limit.TotalSeconds:F0} s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindPeerDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "grpc-peer");
            if (File.Exists(Path.Combine(candidate, "server.js")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
