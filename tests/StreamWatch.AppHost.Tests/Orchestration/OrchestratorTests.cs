using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StreamWatch.AppHost.Hosting;
using StreamWatch.AppHost.Orchestration;
using StreamWatch.AppHost.Resources;
using StreamWatch.AppHost.Tests.Support;
using StreamWatch.Testing.Processes;

namespace StreamWatch.AppHost.Tests.Orchestration;

/// <summary>The orchestrator in-process, with real child processes: Redis, the Lab and small shell resources.</summary>
public sealed class OrchestratorTests
{
    [Fact]
    public async Task Dependent_starts_after_Redis_and_the_Lab_are_healthy_with_their_addresses_in_Aspire_names()
    {
        Binaries.Require("redis-server", "redis-server");
        await using var test = new TestApp();
        var b = test.Builder;
        var envFile = Path.Combine(test.StateDirectory, "env.txt");
        var redis = b.AddRedis("redis");
        var lab = b.AddProject("lab", "StreamWatch.Lab").WithHttpEndpoint(port: 8090).WithEnvironment("Lab__Mode", "synthetic");
        b.AddExecutable("consumer", "sh", "-c", $"env > '{envFile}'; exec sleep 300")
            .WithReference(redis).WithReference(lab).WaitFor(redis).WaitFor(lab);

        var app = await test.StartAsync();

        var events = app.Events;
        int Index(string resource, ResourceEventKind kind) => events.ToList().FindIndex(e => e.Resource == resource && e.Kind == kind);
        Assert.True(Index("redis", ResourceEventKind.Healthy) < Index("consumer", ResourceEventKind.Starting), test.Output);
        Assert.True(Index("lab", ResourceEventKind.Healthy) < Index("consumer", ResourceEventKind.Starting), test.Output);
        await TestApp.WaitUntilAsync(() => File.Exists(envFile) && File.ReadAllText(envFile).Contains("services__lab", StringComparison.Ordinal), "the consumer wrote its environment");
        var environment = File.ReadAllText(envFile);
        var redisPort = app.Resources.Single(r => r.Name == "redis").GetEndpoint("tcp").Port;
        var labPort = app.Resources.Single(r => r.Name == "lab").GetEndpoint("http").Port;
        Assert.NotEqual(8090, labPort); // --free-ports
        Assert.Contains($"ConnectionStrings__redis=127.0.0.1:{redisPort}", environment, StringComparison.Ordinal);
        Assert.Contains($"services__lab__http__0=http://127.0.0.1:{labPort}", environment, StringComparison.Ordinal);
        Assert.Equal("+PONG", await HealthChecks.RedisPingAsync($"127.0.0.1:{redisPort}", TestContext.Current.CancellationToken));
        var labEnvironment = ProcessTree.Environment(app.Runner("lab").ProcessId);
        Assert.Equal($"http://127.0.0.1:{labPort}", labEnvironment["Kestrel__Endpoints__Http__Url"]);
        Assert.True(File.Exists(Path.Combine(test.StateDirectory, "redis", "appendonlydir", "appendonly.aof.manifest"))
                    || Directory.Exists(Path.Combine(test.StateDirectory, "redis", "appendonlydir")), "redis runs append-only in {state}/redis");
    }

    [Fact]
    public async Task Crashed_resource_is_restarted_with_exponential_backoff()
    {
        await using var test = new TestApp();
        test.Builder.AddExecutable("crasher", "sh", "-c", "sleep 0.3; exit 3")
            .WithRestartPolicy(new RestartPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), StableAfter = TimeSpan.FromMinutes(5) });

        var app = await test.StartAsync();
        await TestApp.WaitUntilAsync(() => app.Events.Count(e => e.Kind == ResourceEventKind.Restarting) >= 4, "four restarts were scheduled");

        var delays = app.Events.Where(e => e.Kind == ResourceEventKind.Restarting).Take(4)
            .Select(e => double.Parse(e.Detail!, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([100d, 200d, 400d, 800d], delays);
        var exits = app.Events.Where(e => e.Kind == ResourceEventKind.Exited).Take(3).ToArray();
        Assert.All(exits, e => Assert.Equal("3", e.Detail));
        var pids = app.Events.Where(e => e.Kind == ResourceEventKind.Started).Select(e => e.ProcessId).Take(3).ToArray();
        Assert.Equal(pids.Length, pids.Distinct().Count());
        Assert.Contains("crasher exited with code 3", test.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_ends_the_whole_process_group_including_grandchildren()
    {
        await using var test = new TestApp();
        var pidFile = Path.Combine(test.StateDirectory, "grandchild.pid");
        test.Builder.AddExecutable("parent", "sh", "-c", $"sleep 300 & echo $! > '{pidFile}'; wait");

        var app = await test.StartAsync();
        await TestApp.WaitUntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, "the grandchild started");
        var parent = app.Runner("parent").ProcessId;
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        Assert.True(ProcessTree.IsAlive(grandchild));

        await app.StopAsync();

        await TestApp.WaitUntilAsync(() => !ProcessTree.IsAlive(parent) && !ProcessTree.IsAlive(grandchild), "parent and grandchild are gone");
        Assert.Contains(app.Events, e => e.Resource == "parent" && e.Kind == ResourceEventKind.Stopped && e.Detail == "graceful");
    }

    [Fact]
    public async Task A_service_ignoring_SIGTERM_is_killed_after_its_stop_timeout()
    {
        await using var test = new TestApp();
        var trapped = Path.Combine(test.StateDirectory, "trapped");
        var stubborn = test.Builder.AddExecutable("stubborn", "sh", "-c", $"trap '' TERM; touch '{trapped}'; while :; do sleep 0.2; done");
        stubborn.Resource.StopTimeout = TimeSpan.FromSeconds(1);

        var app = await test.StartAsync();
        var pid = app.Runner("stubborn").ProcessId;
        await TestApp.WaitUntilAsync(() => File.Exists(trapped), "the process ignores SIGTERM");
        await app.StopAsync();

        Assert.Contains(app.Events, e => e.Resource == "stubborn" && e.Kind == ResourceEventKind.Stopped && e.Detail == "killed");
        await TestApp.WaitUntilAsync(() => !ProcessTree.IsAlive(pid), "the stubborn process is gone");
        Assert.Contains("did not stop within 1 s", test.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resources_stop_in_reverse_start_order()
    {
        await using var test = new TestApp();
        var b = test.Builder;
        // Declared out of order on purpose: wait-for decides the start order.
        var c = b.AddExecutable("c", "sleep", "300");
        var a = b.AddExecutable("a", "sleep", "300");
        var bb = b.AddExecutable("b", "sleep", "300").WaitFor(a);
        c.WaitFor(bb);

        var app = await test.StartAsync();
        await app.StopAsync();

        var started = app.Events.Where(e => e.Kind == ResourceEventKind.Started).Select(e => e.Resource).ToArray();
        var stopping = app.Events.Where(e => e.Kind == ResourceEventKind.Stopping).Select(e => e.Resource).ToArray();
        Assert.Equal(["a", "b", "c"], started);
        Assert.Equal(["c", "b", "a"], stopping);
    }

    [Fact]
    public async Task A_service_exiting_before_it_is_healthy_fails_the_start_naming_its_error()
    {
        await using var test = new TestApp();
        var failing = test.Builder.AddExecutable("probe", "sh", "-c", "echo 'Probe:StaleFactor must be >= 1 (was 0.5)'; sleep 0.5; exit 1");
        failing.Resource.HealthCheck = _ => Task.FromResult(false);

        var error = await Assert.ThrowsAsync<ResourceStartException>(test.StartAsync);

        Assert.Contains("probe exited with code 1 before it was healthy", error.Message, StringComparison.Ordinal);
        Assert.Contains("Probe:StaleFactor must be >= 1 (was 0.5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fixed_port_in_use_is_a_prerequisite_error_and_a_taken_default_moves()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;
        await using (var test = new TestApp())
        {
            test.Builder.AddExecutable("gateway", "sleep", "300").WithHttpEndpoint(port, isFixed: true);
            var error = await Assert.ThrowsAsync<PrerequisiteException>(test.StartAsync);
            Assert.Contains($"port {port}", error.Message, StringComparison.Ordinal);
            Assert.Contains("--gateway-port", error.Message, StringComparison.Ordinal);
        }

        await using (var test = new TestApp(options: new AppHostOptions()))
        {
            test.Builder.AddExecutable("internal", "sleep", "300").WithHttpEndpoint(port);
            var app = await test.StartAsync();
            Assert.NotEqual(port, app.Resources.Single().GetEndpoint("http").Port);
        }
    }

    [Fact]
    public async Task An_existing_Redis_from_ConnectionStrings_is_used_and_not_started()
    {
        await using var redis = await RedisServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var test = new TestApp(name => name == "ConnectionStrings__redis" ? redis.ConnectionString : null);
        var envFile = Path.Combine(test.StateDirectory, "env.txt");
        var redisResource = test.Builder.AddRedis("redis");
        test.Builder.AddExecutable("consumer", "sh", "-c", $"env > '{envFile}'; exec sleep 300").WithReference(redisResource).WaitFor(redisResource);

        var app = await test.StartAsync();

        Assert.Equal(0, app.Runner("redis").ProcessId);
        Assert.DoesNotContain(app.Events, e => e.Resource == "redis" && e.Kind == ResourceEventKind.Started);
        await TestApp.WaitUntilAsync(() => File.Exists(envFile) && File.ReadAllText(envFile).Contains("ConnectionStrings__redis", StringComparison.Ordinal), "the consumer wrote its environment");
        Assert.Contains($"ConnectionStrings__redis={redis.ConnectionString}", File.ReadAllText(envFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_existing_Redis_is_a_prerequisite_error()
    {
        var port = FreePort.Next();
        await using var test = new TestApp(name => name == "ConnectionStrings__redis" ? $"127.0.0.1:{port}" : null);
        test.Builder.AddRedis("redis");

        var error = await Assert.ThrowsAsync<PrerequisiteException>(test.StartAsync);

        Assert.Contains("does not answer PING", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__redis", error.Message, StringComparison.Ordinal);
    }
}
