using System.Net;
using System.Net.Sockets;
using StreamWatch.AppHost.Tests.Support;
using StreamWatch.Testing.Processes;

namespace StreamWatch.AppHost.Tests.Hosting;

/// <summary>The built AppHost as a user runs it: the whole system, then SIGTERM; and its prerequisite errors.</summary>
public sealed class AppHostProcessTests
{
    [Fact]
    public async Task Whole_system_starts_in_order_restarts_a_crashed_service_and_leaves_no_process_after_SIGTERM()
    {
        Binaries.Require("redis-server", "redis-server");
        var gatewayPort = FreePort.Next();
        await using var host = AppHostProcess.Start(["--free-ports", "--gateway-port", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lab-mode", "synthetic", "--no-prometheus"]);
        await host.WaitReadyAsync();
        var ct = TestContext.Current.CancellationToken;

        // Ready: the gateway answers on its fixed port and the summary names the URLs.
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"http://127.0.0.1:{gatewayPort}/health"), ct)).StatusCode);
        Assert.Contains($"status page  http://127.0.0.1:{gatewayPort}/", host.Output, StringComparison.Ordinal);
        Assert.Contains($"metrics      http://127.0.0.1:{gatewayPort}/metrics", host.Output, StringComparison.Ordinal);

        // Configuration reached each service through Aspire's environment names.
        var redis = host.Resource("redis");
        var alerting = host.Resource("alerting");
        var probe = host.Resource("probe");
        var lab = host.Resource("lab");
        var alertingEnv = ProcessTree.Environment(alerting.Pid);
        Assert.Equal(redis.Endpoints["tcp"], alertingEnv["ConnectionStrings__redis"]);
        Assert.Equal(alerting.Endpoints["grpc"], alertingEnv["Kestrel__Endpoints__Grpc__Url"]);
        Assert.Equal("Http2", alertingEnv["Kestrel__Endpoints__Grpc__Protocols"]);
        var probeEnv = ProcessTree.Environment(probe.Pid);
        Assert.Equal(alerting.Endpoints["grpc"], probeEnv["services__alerting__grpc__0"]);
        var gatewayEnv = ProcessTree.Environment(host.Resource("gateway").Pid);
        Assert.Equal(probe.Endpoints["http"], gatewayEnv["services__probe__http__0"]);
        Assert.Equal(lab.Endpoints["http"], gatewayEnv["services__lab__http__0"]);
        var demo = File.ReadAllText(probeEnv["STREAMWATCH_CONFIG"]);
        Assert.Contains($"url: {lab.Endpoints["http"]}/cdn-b/stream-3/manifest.mpd", demo, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"{lab.Endpoints["http"]}/cdn-a/stream-1/master.m3u8"), ct)).StatusCode);

        // Start order: each dependency healthy before its dependents start.
        AssertBefore(host.Output, "redis is healthy", "starting alerting");
        AssertBefore(host.Output, "alerting is healthy", "starting probe");
        AssertBefore(host.Output, "lab is healthy", "starting probe");
        AssertBefore(host.Output, "probe is healthy", "starting gateway");
        AssertBefore(host.Output, "gateway is healthy", "StreamWatch is ready");

        // A crashed service comes back (new pid) after the first backoff delay.
        var processes = ProcessTree.Descendants(host.Id);
        Assert.Superset(new HashSet<int>([redis.Pid, alerting.Pid, probe.Pid, lab.Pid]), new HashSet<int>(processes));
        _ = NativeKill(lab.Pid, 9);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (host.Resource("lab") is var now && (now.Restarts == 0 || now.Pid == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        var restarted = host.Resource("lab");
        Assert.Equal(1, restarted.Restarts);
        Assert.NotEqual(lab.Pid, restarted.Pid);
        Assert.Contains("lab exited with code 137", host.Output, StringComparison.Ordinal);
        Assert.Contains("restarting in 1 s (restart 1)", host.Output, StringComparison.Ordinal);

        // SIGTERM: everything stops in reverse order, exit 0, and no process is left behind.
        processes = ProcessTree.Descendants(host.Id);
        Assert.NotEmpty(processes);
        host.Terminate();
        var code = await host.Exited.WaitAsync(TimeSpan.FromSeconds(120), ct);
        await host.DrainOutputAsync();
        Assert.True(code == 0, host.Output);
        var leftovers = processes.Where(ProcessTree.IsAlive).Select(p => $"{p}: {ProcessTree.CommandLine(p)}").ToList();
        Assert.Empty(leftovers);
        var output = host.Output;
        var order = new[] { "stopping gateway", "stopping probe", "stopping alerting", "stopping redis" }.Select(s => output.IndexOf(s, StringComparison.Ordinal)).ToArray();
        Assert.True(order.All(i => i >= 0) && order.SequenceEqual(order.Order()), output);
        Assert.False(File.Exists(Path.Combine(host.StateDirectory, "apphost.json")));
        Assert.True(Directory.Exists(Path.Combine(host.StateDirectory, "redis", "appendonlydir")), "Redis keeps its append-only data in the state directory");
    }

    [Fact]
    public async Task After_a_SIGKILL_the_next_start_stops_the_services_it_left_running_and_nothing_else()
    {
        Binaries.Require("redis-server", "redis-server");
        var ct = TestContext.Current.CancellationToken;
        var state = Directory.CreateTempSubdirectory("streamwatch-apphost-killed-").FullName;
        string[] Args() => ["--free-ports", "--gateway-port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), "--lab-mode", "synthetic", "--no-prometheus"];
        await using var first = AppHostProcess.Start(Args(), stateDirectory: state);
        await first.WaitReadyAsync();
        var old = new[] { "redis", "alerting", "probe", "lab", "gateway" }.Select(n => first.Resource(n).Pid).ToArray();
        string runId;
        var started = new Dictionary<int, long>();
        using (var written = first.ReadState()!)
        {
            runId = written.RootElement.GetProperty("runId").GetString()!;
            foreach (var resource in written.RootElement.GetProperty("resources").EnumerateArray())
            {
                started[resource.GetProperty("pid").GetInt32()] = resource.GetProperty("startTime").GetInt64();
            }
        }

        // redis-server overwrites its environment block with its title: it is known by pid and start time.
        bool IsOld(int pid) => IsOurs(pid, runId) || (started.TryGetValue(pid, out var t) && StartTime(pid) == t);
        _ = NativeKill(first.Id, 9);
        await first.Exited.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.All(old, pid => Assert.True(IsOld(pid), $"{pid} did not outlive the SIGKILLed AppHost: nothing to test"));

        // A pid in the file that is not ours (a recycled pid, here an unrelated process) must survive.
        using var unrelated = System.Diagnostics.Process.Start("sleep", "300");
        var file = Path.Combine(state, "apphost.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
        json["resources"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["name"] = "impostor", ["kind"] = "executable", ["pid"] = unrelated.Id, ["restarts"] = 0, ["endpoints"] = new System.Text.Json.Nodes.JsonObject() });
        File.WriteAllText(file, json.ToJsonString());

        await using var second = AppHostProcess.Start(Args(), stateDirectory: state);

        // The killed run's file still says ready: wait for the new run's own (hang guard 180 s, as WaitReadyAsync).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (true)
        {
            using (var now = second.ReadState())
            {
                if (now is not null && now.RootElement.TryGetProperty("runId", out var id) && id.GetString() != runId && now.RootElement.GetProperty("ready").GetBoolean())
                {
                    break;
                }
            }

            Assert.False(second.Exited.IsCompleted, $"the second AppHost exited before it was ready:\n{second.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"the second AppHost was not ready within 180 s:\n{second.Output}");
            await Task.Delay(200, ct);
        }

        var survivors = old.Where(IsOld).Select(p => $"{p}: {ProcessTree.CommandLine(p)}").ToList();
        Assert.True(survivors.Count == 0, $"left running: {string.Join(", ", survivors)}\n{second.Output}");
        Assert.Contains("left running by an earlier AppHost", second.Output, StringComparison.Ordinal);
        Assert.Contains($"stopping alerting (pid {old[1]})", second.Output, StringComparison.Ordinal);
        Assert.Contains($"stopping redis (pid {old[0]})", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("impostor", second.Output, StringComparison.Ordinal);
        Assert.True(ProcessTree.IsAlive(unrelated.Id), "an unrelated process named in apphost.json was signalled");
        unrelated.Kill();

    }

    private static long? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" ? null : long.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    // Alive and carrying the run's marker (what the AppHost checks before it signals anything).
    private static bool IsOurs(int pid, string runId)
    {
        try
        {
            return ProcessTree.IsAlive(pid) && ProcessTree.Environment(pid).TryGetValue("STREAMWATCH_APPHOST_RUN", out var value) && value == runId;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Missing_redis_server_ends_with_one_message_saying_what_to_install()
    {
        var emptyPath = Directory.CreateTempSubdirectory("streamwatch-empty-path-").FullName;
        try
        {
            var (code, output) = await AppHostProcess.RunToExitAsync(["--free-ports", "--gateway-port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)], new Dictionary<string, string?> { ["PATH"] = emptyPath });

            Assert.Equal(2, code);
            var errors = output.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
            var error = Assert.Single(errors);
            Assert.Contains("redis-server is not installed: apt-get install -y redis-server", error, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(emptyPath);
        }
    }

    [Fact]
    public async Task Gateway_port_in_use_ends_with_exit_code_2_naming_the_port()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var (code, output) = await AppHostProcess.RunToExitAsync(["--free-ports", "--gateway-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-prometheus"]);

        Assert.Equal(2, code);
        Assert.Contains($"error: port {port} (gateway http) is in use by another program; stop it, or choose another port with --gateway-port N.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_config_file_ends_with_exit_code_2_naming_the_setting()
    {
        var file = Path.Combine(Path.GetTempPath(), $"streamwatch-bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "streams:\n  - id: live\n    sources:\n      - cdn: a\n        url: not-a-url\n", TestContext.Current.CancellationToken);
        try
        {
            var (code, output) = await AppHostProcess.RunToExitAsync(["--free-ports", "--config", file, "--gateway-port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)]);

            Assert.Equal(2, code);
            Assert.Contains($"error: the config file {file} is not valid: streams:0:sources:0:url must be an absolute http(s) URL (was 'not-a-url').", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Unknown_option_ends_with_exit_code_2_and_the_usage()
    {
        var (code, output) = await AppHostProcess.RunToExitAsync(["--gatway-port", "8080"]);

        Assert.Equal(2, code);
        Assert.Contains("error: unknown option '--gatway-port'", output, StringComparison.Ordinal);
        Assert.Contains("--gateway-port N", output, StringComparison.Ordinal);
    }

    private static void AssertBefore(string output, string first, string second)
    {
        var a = output.IndexOf(first, StringComparison.Ordinal);
        var b = output.IndexOf(second, StringComparison.Ordinal);
        Assert.True(a >= 0 && b > a, $"expected '{first}' before '{second}' in:\n{output}");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int NativeKill(int pid, int signal);
}
