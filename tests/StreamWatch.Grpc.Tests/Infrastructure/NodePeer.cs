using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Grpc.Tests.Infrastructure;

/// <summary>The grpc-js peer in tools/grpc-peer: a real, independently written gRPC implementation.</summary>
public static class NodePeer
{
    /// <summary>tools/grpc-peer, found from the test binary's folder upwards.</summary>
    public static string Directory { get; } = FindPeerDirectory();

    /// <summary>The node binary, after checking the peer's packages are installed (fails under CI, skips elsewhere).</summary>
    public static string RequireNode()
    {
        var node = Binaries.Require("node", "nodejs");
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@grpc", "grpc-js")))
        {
            var message = $"{Path.Combine(Directory, "node_modules")} is missing: run `npm ci` in {Directory} (scripts/test.sh does this).";
            if (Binaries.IsCi)
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        return node;
    }

    /// <summary>Starts server.js on a free port and waits until it accepts connections.</summary>
    public static async Task<(ExternalProcess Process, int Port)> StartServerAsync(params string[] extraArguments)
    {
        var node = RequireNode();
        var port = FreePort.Next();
        var process = await ExternalProcess.StartAsync(new ExternalProcessOptions
        {
            Name = "grpc-js-server",
            FileName = node,
            WorkingDirectory = Directory,
            Arguments = [Path.Combine(Directory, "server.js"), "--port", port.ToString(CultureInfo.InvariantCulture), .. extraArguments],
            ReadyCheck = async ct =>
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, ct);
                return true;
            },
        }, TestContext.Current.CancellationToken);
        return (process, port);
    }

    /// <summary>Runs client.js for one scenario against <paramref name="target"/> and returns its RESULT object.</summary>
    public static async Task<JsonElement> RunClientAsync(Uri target, string scenario, params string[] extraArguments)
    {
        var node = RequireNode();
        await using var process = await ExternalProcess.StartAsync(new ExternalProcessOptions
        {
            Name = "grpc-js-client",
            FileName = node,
            WorkingDirectory = Directory,
            Arguments = [Path.Combine(Directory, "client.js"), "--target", $"127.0.0.1:{target.Port}", "--scenario", scenario, .. extraArguments],
        }, TestContext.Current.CancellationToken);

        // Output arrives asynchronously, possibly after the exit: poll for the line, with a grace
        // period once the process has gone.
        var until = DateTime.UtcNow.AddSeconds(30);
        DateTime? exitedAt = null;
        while (DateTime.UtcNow < until)
        {
            foreach (var line in process.RecentOutput.Split('\n'))
            {
                if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                {
                    return JsonDocument.Parse(line["RESULT ".Length..]).RootElement.Clone();
                }
            }

            if (!process.IsRunning)
            {
                exitedAt ??= DateTime.UtcNow;
                if (DateTime.UtcNow - exitedAt > TimeSpan.FromSeconds(2))
                {
                    break;
                }
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"grpc-js client printed no RESULT for '{scenario}'. Output:\n{process.RecentOutput}");
        return default;
    }

    private static string FindPeerDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "grpc-peer");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tools/grpc-peer not found above {AppContext.BaseDirectory}.");
    }
}
