using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Contracts.V1;
using StreamWatch.Probe;
using StreamWatch.Probe.Reporting;
using StreamWatch.ServiceDefaults;

namespace StreamWatch.Benchmarks.Lab;

/// <summary>
/// <c>probe-load [--streams 1000] [--seconds 60] [--warmup 20] [--freeze 30] [--segments none] [--core 1] [--ingest] [--Probe:Key=value ...]</c>:
/// starts three synthetic Labs as child processes pinned to one core (target durations 2, 4 and 6 s, the streams split
/// between them, 5 renditions each), runs the real probe in this process against them over loopback, and prints what
/// the probe achieved: renditions probed, polls/s, CPU (cores), scheduler lag p50/p99, managed memory per rendition,
/// then freezes <c>--freeze</c> renditions (Lab fault <c>stale</c>, staggered) and prints the stale-detection latency
/// from each Lab's last change to the probe's stale verdict against 1.5 target durations + 250 ms. With <c>--ingest</c>
/// the reports also go over gRPC (the probe's own publisher) to a .NET ingest server in a child process on the Labs' core,
/// so the CPU figure includes reporting. Bounded in time.
/// </summary>
internal static class ProbeLoad
{
    private const int RenditionsPerStream = 5;
    private const string FrozenRendition = "720p";
    private static readonly int[] TargetDurations = [2, 4, 6];
    private static readonly DateTimeOffset LabEpoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero); // the Lab's default Epoch

    public static async Task<int> RunAsync(string[] args)
    {
        var streams = LabLoad.Option(args, "--streams", 1000);
        var seconds = LabLoad.Option(args, "--seconds", 60);
        var warmup = LabLoad.Option(args, "--warmup", 20);
        var freezes = LabLoad.Option(args, "--freeze", 30);
        var core = LabLoad.Option(args, "--core", Environment.ProcessorCount - 1);
        var segments = StringOption(args, "--segments", "none");
        var probeSettings = args.Where(a => a.StartsWith("--Probe:", StringComparison.OrdinalIgnoreCase)).ToList();
        var ingest = args.Contains("--ingest");

        var labs = new List<LabInstance>();
        Process? ingestServer = null;
        try
        {
            if (ingest)
            {
                var ingestPort = LabLoad.FreePort();
                ingestServer = StartIngestServer(ingestPort, core);
                probeSettings.Add($"--services:alerting:grpc:0=http://127.0.0.1:{ingestPort}");
            }

            var assigned = 0;
            for (var i = 0; i < TargetDurations.Length; i++)
            {
                var count = (streams - assigned) / (TargetDurations.Length - i);
                assigned += count;
                var port = LabLoad.FreePort();
                var duration = TimeSpan.FromSeconds(TargetDurations[i]);
                var process = LabLoad.StartLab(count, port, core, out _, $"--Lab:SegmentDuration={duration:c}");
                labs.Add(new LabInstance(process, port, count, duration));
            }

            foreach (var lab in labs)
            {
                await LabLoad.WaitReadyAsync(lab.Http, lab.Process).ConfigureAwait(false);
            }

            var renditions = streams * RenditionsPerStream;
            Console.WriteLine($"probe-load: {streams} streams x {RenditionsPerStream} renditions = {renditions}, target durations {string.Join('/', TargetDurations)} s " +
                $"(Labs on core {core}), segments {segments}, reports {(ingest ? "over gRPC to an ingest server" : "drained in-process")}, warm-up {warmup} s, measured {seconds} s, {freezes} freezes; load average {LoadAverage()}");
            return await MeasureAsync(labs, renditions, segments, [.. probeSettings], warmup, seconds, freezes, ingest).ConfigureAwait(false);
        }
        finally
        {
            if (ingestServer is not null)
            {
                ingestServer.StandardInput.Close();
                ingestServer.Kill(entireProcessTree: true);
                await ingestServer.WaitForExitAsync().ConfigureAwait(false);
                ingestServer.Dispose();
            }

            foreach (var lab in labs)
            {
                lab.Dispose();
            }
        }
    }

    private static async Task<int> MeasureAsync(List<LabInstance> labs, int renditions, string segments, string[] probeSettings, int warmup, int seconds, int freezes, bool ingest)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Probe:Segments"] = segments,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:StreamWatch"] = "Error",
        };
        var stream = 0;
        for (var l = 0; l < labs.Count; l++)
        {
            for (var n = 1; n <= labs[l].Streams; n++, stream++)
            {
                settings[$"Streams:{stream}:Id"] = $"td{(int)labs[l].TargetDuration.TotalSeconds}-{n}";
                settings[$"Streams:{stream}:Sources:0:Cdn"] = "cdn-a";
                settings[$"Streams:{stream}:Sources:0:Url"] = $"http://127.0.0.1:{labs[l].Port}/cdn-a/stream-{n}/master.m3u8";
            }
        }

        var lag = new Samples(1 << 22);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "StreamWatch.Probe" && instrument.Name is "probe.scheduler_lag" or "probe.reports_sent")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        long sentOverGrpc = 0;
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => lag.Add(value));
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref sentOverGrpc, value));
        listener.Start();

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddCommandLine(probeSettings);
        builder.AddServiceDefaults();
        builder.AddProbe();

        // Every report passes the tally on its way into the probe's buffer, whoever drains it (the publisher or us).
        var tally = new Tally();
        builder.Services.AddSingleton<IProbeReportSink>(new TallySink(tally));
        await using var probe = builder.Build();
        var sink = probe.Services.GetRequiredService<IProbeReportSink>();
        using var stop = new CancellationTokenSource();
        var drain = ingest ? Task.CompletedTask : Task.Run(() => DrainAsync(sink, stop.Token));
        await probe.StartAsync().ConfigureAwait(false);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(warmup)).ConfigureAwait(false);
            var heapWarm = GC.GetTotalMemory(forceFullCollection: true);
            var probedAfterWarmup = tally.Renditions;

            var self = Process.GetCurrentProcess();
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            lag.Reset();
            tally.Measuring = true;
            await Task.Delay(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            tally.Measuring = false;
            var elapsed = wall.Elapsed.TotalSeconds;
            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
            var lagSnapshot = lag.Sorted();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"renditions probed: {tally.MeasuredRenditions} of {renditions} (after warm-up {probedAfterWarmup})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"polls: {tally.Polls} in {elapsed:0.0} s = {tally.Polls / elapsed:0} polls/s (failed {tally.Failures}, stale verdicts {tally.StaleVerdicts})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU: {cpu:0.0} s over {elapsed:0.0} s = {cpu / elapsed:0.00} cores (whole bench process: probe, tally and {(ingest ? "gRPC publisher" : "in-process drain")}); load average {LoadAverage()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scheduler lag: p50 {Ms(lagSnapshot, 0.50)} ms, p99 {Ms(lagSnapshot, 0.99)} ms, max {Ms(lagSnapshot, 1.0)} ms ({lagSnapshot.Length} polls)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"managed heap after warm-up: {heapWarm / 1048576.0:0.0} MB, {(heapWarm - heapBefore) / 1048576.0:0.0} MB above the pre-probe baseline = {(heapWarm - heapBefore) / (double)Math.Max(1, probedAfterWarmup) / 1024:0.0} KB per rendition; RSS {Environment.WorkingSet / 1048576.0:0} MB"));

            if (ingest)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"reports sent over gRPC since start: {Interlocked.Read(ref sentOverGrpc)} (reports written: {tally.Written})"));
            }

            await FreezeAsync(labs, freezes, tally).ConfigureAwait(false);
            return tally.MeasuredRenditions == renditions ? 0 : 1;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await probe.StopAsync().ConfigureAwait(false);
            await drain.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task FreezeAsync(List<LabInstance> labs, int freezes, Tally tally)
    {
        if (freezes <= 0)
        {
            return;
        }

        // Staggered over 6 s so the freezes fall at every phase of the 2, 4 and 6 s segment grids.
        var stagger = TimeSpan.FromMilliseconds(6000.0 / freezes);
        var frozen = new List<Frozen>(freezes);
        for (var k = 0; k < freezes; k++)
        {
            var lab = labs[k % labs.Count];
            var n = 1 + (k / labs.Count * 7919 % lab.Streams);
            var id = $"td{(int)lab.TargetDuration.TotalSeconds}-{n}";
            var key = $"{id}/cdn-a/{FrozenRendition}";
            var request = new { cdn = "cdn-a", stream = $"stream-{n}", rendition = FrozenRendition, kind = "stale", duration = "2m" };
            tally.Watch(key, DateTimeOffset.MaxValue);
            using var response = await lab.Http.PostAsJsonAsync("lab/faults", request).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            var activeFrom = json.RootElement.GetProperty("activeFrom").GetDateTimeOffset();
            tally.Watch(key, activeFrom);

            // The Lab publishes segment n when it ends: a frozen playlist last changed at the grid point before the freeze.
            var d = lab.TargetDuration.Ticks;
            var lastChange = LabEpoch + TimeSpan.FromTicks((activeFrom - LabEpoch).Ticks / d * d);
            frozen.Add(new Frozen(key, lab.TargetDuration, lastChange));
            await Task.Delay(stagger).ConfigureAwait(false);
        }

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30) && frozen.Any(f => !tally.Verdicts.ContainsKey(f.Key)))
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        var late = new List<double>();
        var all = new List<double>();
        foreach (var group in frozen.GroupBy(f => f.TargetDuration))
        {
            var latencies = new List<double>();
            var target = (group.Key * 1.5) + TimeSpan.FromMilliseconds(250);
            foreach (var f in group)
            {
                if (tally.Verdicts.TryGetValue(f.Key, out var at))
                {
                    var latency = (at - f.LastChange).TotalMilliseconds;
                    latencies.Add(latency);
                    all.Add(latency / target.TotalMilliseconds);
                    if (latency > target.TotalMilliseconds)
                    {
                        late.Add(latency);

                        // The verdict's age counts from the probe's estimate of the change: latency − age is the
                        // estimate's error, age − 1.5 TD how far past the deadline the verdict poll came.
                        var age = tally.VerdictAges.TryGetValue(f.Key, out var a) ? a.TotalMilliseconds : double.NaN;
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  late verdict {f.Key}: {latency:0} ms = estimate error {latency - age:0} ms + past the deadline {age - (group.Key.TotalMilliseconds * 1.5):0} ms"));
                    }
                }
            }

            var sorted = latencies.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stale detection, target duration {group.Key.TotalSeconds:0} s: {sorted.Length}/{group.Count()} verdicts, latency from last change p50 {P(sorted, 0.5):0} ms, p99 {P(sorted, 0.99):0} ms, max {P(sorted, 1):0} ms; target {target.TotalMilliseconds:0} ms (1.5 x TD + 250 ms)"));
        }

        var ratios = all.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stale detection overall: {ratios.Length}/{frozen.Count} verdicts, latency / target p50 {P(ratios, 0.5):0.00}, p99 {P(ratios, 0.99):0.00}; {late.Count} over target"));
    }

    private static async Task DrainAsync(IProbeReportSink sink, CancellationToken ct)
    {
        var reader = sink.Reader;
        try
        {
            while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (reader.TryRead(out _))
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run is over
        }
    }

    private static Process StartIngestServer(int port, int core)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot locate the benchmark executable");
        var taskset = File.Exists("/usr/bin/taskset") ? "/usr/bin/taskset" : null;
        var start = new ProcessStartInfo(taskset ?? self) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        if (taskset is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(core.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add(self);
        }

        if (self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(ProbeLoad).Assembly.Location);
        }

        start.ArgumentList.Add("grpc-ingest-server");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        start.Environment["DOTNET_PROCESSOR_COUNT"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the ingest server");

        // It prints "listening on N" once bound; the probe's publisher retries until then anyway.
        _ = process.StandardOutput.ReadLine();
        return process;
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static string Ms(double[] sortedSeconds, double q) => (P(sortedSeconds, q) * 1000).ToString("0.0", CultureInfo.InvariantCulture);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string StringOption(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>The probe's report sink for the bench: counts every report, then buffers it as the probe's own sink does.</summary>
    private sealed class TallySink(Tally tally) : IProbeReportSink
    {
        private readonly System.Threading.Channels.Channel<ProbeReport> _channel = System.Threading.Channels.Channel.CreateBounded<ProbeReport>(
            new System.Threading.Channels.BoundedChannelOptions(50_000) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest, SingleReader = true });

        public System.Threading.Channels.ChannelReader<ProbeReport> Reader => _channel.Reader;

        public void Write(ProbeReport report)
        {
            tally.Add(report);
            _channel.Writer.TryWrite(report);
        }
    }

    private sealed record Frozen(string Key, TimeSpan TargetDuration, DateTimeOffset LastChange);

    private sealed class LabInstance(Process process, int port, int streams, TimeSpan targetDuration) : IDisposable
    {
        public Process Process { get; } = process;

        public int Port { get; } = port;

        public int Streams { get; } = streams;

        public TimeSpan TargetDuration { get; } = targetDuration;

        public HttpClient Http { get; } = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

        public void Dispose()
        {
            Http.Dispose();
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }

            Process.Dispose();
        }
    }

    /// <summary>What the drain saw; touched by the drain task, read by the run.</summary>
    private sealed class Tally
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly HashSet<string> _measured = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, DateTimeOffset> _watched = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public volatile bool Measuring;

        public long Polls;

        public long Failures;

        public long StaleVerdicts;

        public long Written;

        public ConcurrentDictionary<string, DateTimeOffset> Verdicts { get; } = new(StringComparer.Ordinal);

        /// <summary>The playlist age each first stale verdict reported.</summary>
        public ConcurrentDictionary<string, TimeSpan> VerdictAges { get; } = new(StringComparer.Ordinal);

        public int Renditions
        {
            get
            {
                lock (_lock)
                {
                    return _seen.Count;
                }
            }
        }

        public int MeasuredRenditions
        {
            get
            {
                lock (_lock)
                {
                    return _measured.Count;
                }
            }
        }

        public void Watch(string key, DateTimeOffset from) => _watched[key] = from;

        public void Add(ProbeReport report)
        {
            Interlocked.Increment(ref Written);
            if (report.Manifest is not { } poll)
            {
                return;
            }

            var key = $"{poll.Ref.StreamId}/{poll.Ref.Cdn}/{poll.Ref.RenditionId}";
            lock (_lock)
            {
                _seen.Add(key);
                if (Measuring)
                {
                    _measured.Add(key);
                    Polls++;
                    Failures += poll.Fetch.Outcome == FetchOutcome.Ok ? 0 : 1;
                    StaleVerdicts += poll.Stale ? 1 : 0;
                }
            }

            if (poll.Stale && _watched.TryGetValue(key, out var from))
            {
                var at = report.ObservedAt.ToDateTimeOffset();
                if (at >= from && Verdicts.TryAdd(key, at))
                {
                    VerdictAges.TryAdd(key, poll.PlaylistAge?.ToTimeSpan() ?? TimeSpan.Zero);
                }
            }
        }
    }

    /// <summary>Scheduler lag values (seconds), recorded lock-free into a preallocated array.</summary>
    private sealed class Samples(int capacity)
    {
        private readonly double[] _values = new double[capacity];
        private int _count;

        public void Add(double value)
        {
            var i = Interlocked.Increment(ref _count) - 1;
            if (i < _values.Length)
            {
                _values[i] = value;
            }
        }

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public double[] Sorted()
        {
            var n = Math.Min(Volatile.Read(ref _count), _values.Length);
            var copy = _values.AsSpan(0, n).ToArray();
            Array.Sort(copy);
            return copy;
        }
    }
}
