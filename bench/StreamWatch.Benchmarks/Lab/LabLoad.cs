using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace StreamWatch.Benchmarks.Lab;

/// <summary>
/// <c>lab-load [--renditions 5000] [--seconds 30] [--core 1]</c>: starts the Lab in a child process pinned to
/// one core (taskset, DOTNET_PROCESSOR_COUNT=1), then polls every rendition's media playlist at its reload
/// rate (once per target duration, spread evenly) from this process over loopback, and reports the achieved
/// rate, latency percentiles and the Lab's CPU (share of its one core) and memory. Bounded in time; stops the child.
/// </summary>
internal static class LabLoad
{
    private const int RenditionsPerStream = 5; // the synthetic ladder: 1080p, 720p, 480p, 360p, audio
    private static readonly string[] Ladder = ["1080p", "720p", "480p", "360p", "audio"];

    public static async Task<int> RunAsync(string[] args)
    {
        var renditions = Option(args, "--renditions", 5000);
        var seconds = Option(args, "--seconds", 30);
        var core = Option(args, "--core", Environment.ProcessorCount - 1);
        var streams = (renditions + RenditionsPerStream - 1) / RenditionsPerStream;
        var port = FreePort();
        var reload = TimeSpan.FromSeconds(2); // the Lab's default target duration

        using var lab = StartLab(streams, port, core, out var pinned);
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
            await WaitReadyAsync(http, lab).ConfigureAwait(false);
            var paths = new string[streams * RenditionsPerStream];
            for (var s = 0; s < streams; s++)
            {
                for (var r = 0; r < RenditionsPerStream; r++)
                {
                    paths[(s * RenditionsPerStream) + r] = $"cdn-a/stream-{s + 1}/{Ladder[r]}/index.m3u8";
                }
            }

            Console.WriteLine($"lab-load: {renditions} renditions ({streams} streams x {RenditionsPerStream}), each polled every {reload.TotalSeconds:0} s => {renditions / reload.TotalSeconds:0} req/s; " +
                $"Lab pinned to core {(pinned ? core.ToString(CultureInfo.InvariantCulture) : "(taskset missing: unpinned)")}, warm-up 5 s, measured {seconds} s");
            await DriveAsync(http, paths, renditions, reload, TimeSpan.FromSeconds(5), null).ConfigureAwait(false);
            var cpuBefore = CpuSeconds(lab.Id);
            var result = new LoadResult(renditions * (int)(seconds / reload.TotalSeconds) + renditions);
            var wall = Stopwatch.StartNew();
            await DriveAsync(http, paths, renditions, reload, TimeSpan.FromSeconds(seconds), result).ConfigureAwait(false);
            var elapsed = wall.Elapsed.TotalSeconds;
            var cpu = CpuSeconds(lab.Id) - cpuBefore;
            result.Report(elapsed, cpu, RssMegabytes(lab.Id));
            return result.Errors == 0 ? 0 : 1;
        }
        finally
        {
            lab.Kill(entireProcessTree: true);
            await lab.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    // Request k goes to rendition k mod N at k·(reload/N) from the start: every rendition once per reload interval, evenly spread.
    private static async Task DriveAsync(HttpClient http, string[] paths, int renditions, TimeSpan reload, TimeSpan duration, LoadResult? result)
    {
        var inFlight = new List<Task>(capacity: 1024);
        var start = Stopwatch.GetTimestamp();
        long sent = 0;
        var total = (long)(duration.TotalSeconds * renditions / reload.TotalSeconds);
        while (sent < total)
        {
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * renditions / reload.TotalSeconds));
            for (; sent < due; sent++)
            {
                inFlight.Add(GetAsync(http, paths[sent % renditions], result));
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(1).ConfigureAwait(false);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private static async Task GetAsync(HttpClient http, string path, LoadResult? result)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            var ok = response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentLength > 0;
            result?.Record(Stopwatch.GetElapsedTime(started), ok);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            result?.Record(Stopwatch.GetElapsedTime(started), ok: false);
        }
    }

    internal static Process StartLab(int streams, int port, int core, out bool pinned, params string[] extra)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot locate the benchmark executable");
        var taskset = File.Exists("/usr/bin/taskset") ? "/usr/bin/taskset" : null;
        pinned = taskset is not null;
        var start = new ProcessStartInfo(taskset ?? self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (taskset is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(core.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add(self);
        }

        if (self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(LabLoad).Assembly.Location);
        }

        string[] arguments = ["lab-serve", "--streams", streams.ToString(CultureInfo.InvariantCulture), "--cdns", "1", "--port", port.ToString(CultureInfo.InvariantCulture), .. extra];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_PROCESSOR_COUNT"] = "1";
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the Lab");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine("lab: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitReadyAsync(HttpClient http, Process lab)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (lab.HasExited)
            {
                throw new InvalidOperationException($"the Lab exited with code {lab.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync("alive").ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new InvalidOperationException("the Lab did not become ready within 30 s");
    }

    // utime + stime from /proc/<pid>/stat, in seconds (USER_HZ is 100 on Linux).
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    internal static double RssMegabytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
