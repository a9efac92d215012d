using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StreamWatch.Benchmarks.Workloads;
using StreamWatch.Media;

namespace StreamWatch.Benchmarks.Peers;

/// <summary>
/// <c>compare-parsers</c>: parses the same files with StreamWatch and with npm's m3u8-parser / mpd-parser
/// in one run, and prints throughput for both and the ratio. StreamWatch is measured through the public
/// <see cref="ManifestAnalyzer.Analyze"/>, which also validates, so the ratio understates the parser alone.
/// </summary>
internal static class ParserComparison
{
    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 2.0;
        var root = FindRepositoryRoot();
        var corpus = Path.GetFullPath(Path.Combine(root, "..", "shared", "corpus"));
        var peerDir = Path.Combine(root, "tools", "parser-peers");
        if (!Directory.Exists(Path.Combine(peerDir, "node_modules")))
        {
            Console.Error.WriteLine($"error: npm peers missing; run: (cd {peerDir} && npm ci)");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("streamwatch-compare-").FullName;
        var files = new List<string>();
        var generatedHls = Path.Combine(work, "generated-live-40000.m3u8");
        File.WriteAllBytes(generatedHls, GeneratedManifests.LiveHlsPlaylist());
        files.Add(generatedHls);
        var generatedMpd = Path.Combine(work, "generated-dynamic-ladder.mpd");
        File.WriteAllBytes(generatedMpd, GeneratedManifests.LargeDynamicMpd());
        files.Add(generatedMpd);
        foreach (var name in new[]
        {
            "hls/shakapackager__live-key-rotation.m3u8", "hls/m3u8parser__llhls.m3u8", "hls/m3u8parser__master-fmp4.m3u8",
            "dash/livesim2__dynamic-snr.mpd", "dash/mpdparser__multiperiod-dynamic.mpd", "dash/shakapackager__static-multiperiod-ad-cues.mpd",
        })
        {
            var path = Path.Combine(corpus, name);
            if (File.Exists(path))
            {
                files.Add(path);
            }
        }

        try
        {
            var peers = RunPeer(peerDir, seconds, files);
            Console.WriteLine($"{"file",-48} {"bytes",10} {"StreamWatch MB/s",17} {"peer",12} {"peer MB/s",10} {"ratio",7} {"alloc/parse",12}");
            foreach (var file in files)
            {
                var (mbPerSecond, allocated) = MeasureStreamWatch(file, seconds);
                var peer = peers[file];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(file),-48} {new FileInfo(file).Length,10} {mbPerSecond,17:F1} {peer.Parser,12} {peer.MbPerSecond,10:F1} {mbPerSecond / peer.MbPerSecond,6:F1}x {allocated,12:N0}"));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }

    private static (double MbPerSecond, long AllocatedPerParse) MeasureStreamWatch(string file, double seconds)
    {
        var bytes = File.ReadAllBytes(file);
        var url = new Uri("http://127.0.0.1/" + Path.GetFileName(file));
        var at = new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);
        var sink = 0;
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < Math.Min(0.5, seconds / 4))
        {
            sink += ManifestAnalyzer.Analyze(bytes, url, at).Findings.Count;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        sink += ManifestAnalyzer.Analyze(bytes, url, at).Findings.Count;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        long iterations = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            sink += ManifestAnalyzer.Analyze(bytes, url, at).Findings.Count;
            iterations++;
        }

        GC.KeepAlive(sink);
        return (bytes.Length * (double)iterations / clock.Elapsed.TotalSeconds / 1e6, allocated);
    }

    private static Dictionary<string, PeerResult> RunPeer(string peerDir, double seconds, List<string> files)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, WorkingDirectory = peerDir };
        start.ArgumentList.Add("bench.mjs");
        start.ArgumentList.Add(seconds.ToString(CultureInfo.InvariantCulture));
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var results = new Dictionary<string, PeerResult>(StringComparer.Ordinal);
        while (node.StandardOutput.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var rootElement = json.RootElement;
            results[rootElement.GetProperty("file").GetString()!] = new PeerResult(
                rootElement.GetProperty("parser").GetString()!, rootElement.GetProperty("mbPerSecond").GetDouble());
        }

        node.WaitForExit();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"the node peer exited with code {node.ExitCode}");
        }

        return results;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the StreamWatch repository");
    }

    private sealed record PeerResult(string Parser, double MbPerSecond);
}
