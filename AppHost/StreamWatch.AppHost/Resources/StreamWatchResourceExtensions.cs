using System.Globalization;
using StreamWatch.AppHost.Hosting;

namespace StreamWatch.AppHost.Resources;

/// <summary>
/// The resources StreamWatch is made of, declared the Aspire way: <c>AddRedis</c>, <c>AddProject</c>,
/// <c>AddPrometheus</c>, and the configuration each service gets.
/// </summary>
internal static class StreamWatchResourceExtensions
{
    private static readonly (string Key, string Value)[] ConsoleLogDefaults =
    [
        ("Logging__Console__FormatterOptions__SingleLine", "true"),
        ("Logging__LogLevel__Microsoft.AspNetCore", "Warning"),
        ("Logging__LogLevel__System.Net.Http.HttpClient", "Warning"),
    ];

    /// <summary>
    /// Redis: the existing server named by <c>ConnectionStrings__{name}</c> when that is set (checked with PING),
    /// else <c>redis-server</c> from PATH on port 6379 (or a free one), append-only, data in <c>{state}/redis</c>.
    /// </summary>
    public static ResourceBuilder AddRedis(this DistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var existing = builder.Environment($"ConnectionStrings__{name}");
        var resource = new Resource(name, "redis");
        if (!string.IsNullOrWhiteSpace(existing))
        {
            resource.IsExternal = true;
            resource.ConnectionString = () => existing;
            resource.HealthCheck = token => HealthChecks.RedisAsync(existing, token);
            resource.StartTimeout = TimeSpan.FromSeconds(5);
            resource.Prerequisites.Add(() => CheckExistingRedis(name, existing));
            resource.SummaryLines.Add(() => $"redis        {existing} (existing, ConnectionStrings__{name})");
            return builder.AddResource(resource);
        }

        var binary = BinaryLocator.Find("redis-server");
        var data = Path.Combine(builder.Options.StateDirectory, name);
        resource.Command = () => binary!;
        resource.WorkingDirectory = builder.Options.StateDirectory;
        resource.Prerequisites.Add(() =>
        {
            if (binary is null)
            {
                throw new PrerequisiteException(
                    $"redis-server is not installed: apt-get install -y redis-server (bash scripts/run.sh installs it), or set ConnectionStrings__{name}=host:port to use a running Redis.");
            }

            Directory.CreateDirectory(data);
        });
        var redis = builder.AddResource(resource).WithEndpoint("tcp", "tcp", 6379);
        var endpoint = resource.GetEndpoint("tcp");
        resource.ConnectionString = () => endpoint.Url;
        resource.HealthCheck = token => HealthChecks.RedisAsync(endpoint.Url, token);
        resource.Arguments.AddRange(
        [
            () => "--port", () => endpoint.Port.ToString(CultureInfo.InvariantCulture),
            () => "--bind", () => Endpoint.Host,
            () => "--dir", () => data,
            () => "--appendonly", () => "yes",
            () => "--appendfsync", () => "everysec",
            () => "--daemonize", () => "no",
            () => "--protected-mode", () => "no",
        ]);
        return redis.WithSummary(() => $"redis        {endpoint.Url} (data {data})");
    }

    /// <summary>
    /// A StreamWatch service run as <c>dotnet artifacts/bin/{project}/{configuration}/{project}.dll</c>, each
    /// endpoint passed as <c>Kestrel__Endpoints__{Name}__Url</c> (gRPC endpoints with <c>Protocols=Http2</c>),
    /// healthy when <c>/health</c> answers 2xx.
    /// </summary>
    public static ResourceBuilder AddProject(this DistributedApplicationBuilder builder, string name, string project)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var directory = Path.Combine(builder.ArtifactsBin, project, builder.Configuration);
        var assembly = Path.Combine(directory, project + ".dll");
        var dotnet = BinaryLocator.FindDotnet();
        var resource = new Resource(name, "project")
        {
            Command = () => dotnet!,
            WorkingDirectory = directory,
            HealthCheck = null,
        };
        resource.Arguments.Add(() => assembly);
        resource.Prerequisites.Add(() =>
        {
            if (dotnet is null)
            {
                throw new PrerequisiteException("dotnet is not on PATH: install the .NET 10 SDK.");
            }

            if (!File.Exists(assembly))
            {
                throw new PrerequisiteException(
                    $"{project} is not built ({assembly} is missing): run 'dotnet build AppHost/StreamWatch.AppHost -c {builder.Configuration}'.");
            }
        });
        resource.Environment["OTEL_SERVICE_NAME"] = () => name;

        // One line per log entry, and no per-request lines: the console carries five services at once.
        // Settings the user exported win (set them in the AppHost's environment to see more).
        foreach (var (key, value) in ConsoleLogDefaults)
        {
            if (Environment.GetEnvironmentVariable(key) is null)
            {
                resource.Environment[key] = () => value;
            }
        }

        resource.Environment["STREAMWATCH_CONFIG"] = () => null; // only where WithStreamWatchConfig says so
        resource.EnvironmentCallbacks.Add(environment =>
        {
            foreach (var endpoint in resource.Endpoints)
            {
                var kestrelName = char.ToUpperInvariant(endpoint.Name[0]) + endpoint.Name[1..];
                environment[$"Kestrel__Endpoints__{kestrelName}__Url"] = endpoint.Url;
                if (endpoint.Name == "grpc")
                {
                    environment[$"Kestrel__Endpoints__{kestrelName}__Protocols"] = "Http2";
                }
            }
        });
        resource.HealthCheck = token => resource.Endpoints.Count == 0
            ? Task.FromResult(true)
            : HealthChecks.HttpAsync(new Uri(resource.Endpoints[0].Url + "/health"), token);
        return builder.AddResource(resource);
    }

    /// <summary>
    /// The Lab with the demo's streams: three streams on two CDNs, ffmpeg mode when ffmpeg is installed
    /// (or as <c>--lab-mode</c> says), synthetic otherwise.
    /// </summary>
    public static ResourceBuilder WithDemoStreams(this ResourceBuilder lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var options = lab.ApplicationBuilder.Options;
        var ffmpeg = BinaryLocator.Find("ffmpeg");
        var mode = options.LabMode switch
        {
            LabModeChoice.Ffmpeg => "ffmpeg",
            LabModeChoice.Synthetic => "synthetic",
            _ => ffmpeg is null ? "synthetic" : "ffmpeg",
        };
        if (mode == "ffmpeg")
        {
            lab.Resource.Prerequisites.Add(() =>
            {
                if (ffmpeg is null)
                {
                    throw new PrerequisiteException("--lab-mode ffmpeg needs ffmpeg: apt-get install -y ffmpeg (or use --lab-mode synthetic).");
                }
            });
            lab.WithEnvironment("Lab__Ffmpeg__Path", ffmpeg);
            lab.Resource.StartTimeout = TimeSpan.FromSeconds(120); // encoders must write their first segments
        }

        var endpoint = lab.Resource.Endpoints[0];
        return lab
            .WithEnvironment("Lab__Mode", mode)
            .WithEnvironment("Lab__Streams", DemoStreams.Streams.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Lab__Cdns", DemoStreams.Cdns.Length.ToString(CultureInfo.InvariantCulture))
            .WithSummary(() => $"Lab          {endpoint.Url}/lab/streams ({mode}; faults at {endpoint.Url}/lab/faults)");
    }

    /// <summary>
    /// Passes the configuration file as <c>STREAMWATCH_CONFIG</c>: the user's <c>--config</c> file, else the demo
    /// file generated into the state directory. With both a user file and the demo Lab, the demo streams are
    /// layered over the file's as <c>streams__{n}__…</c> environment variables.
    /// </summary>
    public static ResourceBuilder WithStreamWatchConfig(this ResourceBuilder service, ResourceBuilder? lab)
    {
        ArgumentNullException.ThrowIfNull(service);
        var app = service.ApplicationBuilder;
        var options = app.Options;
        var demoFile = Path.Combine(options.StateDirectory, "demo.yaml");
        IReadOnlyList<string> userStreams = [];
        if (options.ConfigFile is { } file)
        {
            service.Resource.Prerequisites.Add(() =>
            {
                userStreams = ConfigFileCheck.Check(file);
                var clash = lab is null ? null : userStreams.FirstOrDefault(id => DemoStreams.For(string.Empty).Any(d => d.Id == id));
                if (clash is not null)
                {
                    throw new PrerequisiteException($"the config file {file} names stream '{clash}', which is also a demo stream; rename it, or pass --no-demo.");
                }
            });
        }

        service.WithEnvironment("STREAMWATCH_CONFIG", () =>
        {
            if (options.ConfigFile is { } user)
            {
                return user;
            }

            if (lab is null)
            {
                return null;
            }

            var content = DemoStreams.ConfigFile(lab.Resource.Endpoints[0].Url);
            if (!File.Exists(demoFile) || File.ReadAllText(demoFile) != content)
            {
                File.WriteAllText(demoFile, content);
            }

            return demoFile;
        });
        if (options.ConfigFile is not null && lab is not null)
        {
            service.Resource.EnvironmentCallbacks.Add(environment =>
            {
                foreach (var (key, value) in DemoStreams.AsEnvironment(lab.Resource.Endpoints[0].Url, userStreams.Count))
                {
                    environment[key] = value;
                }
            });
        }

        return service;
    }

    /// <summary>Adds the status page, API and metrics URLs of the gateway to the ready summary.</summary>
    public static ResourceBuilder WithGatewaySummary(this ResourceBuilder gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var endpoint = gateway.Resource.GetEndpoint("http");
        return gateway
            .WithSummary(() => $"status page  {endpoint.Url}/")
            .WithSummary(() => $"API          {endpoint.Url}/api/v1/status")
            .WithSummary(() => $"metrics      {endpoint.Url}/metrics");
    }

    /// <summary>
    /// Prometheus when installed (and not <c>--no-prometheus</c>): scrapes the gateway with
    /// <c>dashboards/prometheus/prometheus.yml</c> and its rules, data in <c>{state}/prometheus</c>,
    /// port 9090 or a free one. Null when it is not started (a note says why).
    /// </summary>
    public static ResourceBuilder? AddPrometheus(this DistributedApplicationBuilder builder, string name, int port, ResourceBuilder scrapeTarget)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(scrapeTarget);
        if (!builder.Options.Prometheus)
        {
            return null;
        }

        var binary = BinaryLocator.Find("prometheus");
        var dashboards = builder.RepositoryRoot is { } root ? Path.Combine(root, "dashboards", "prometheus") : null;
        if (binary is null || dashboards is null || !File.Exists(Path.Combine(dashboards, "prometheus.yml")))
        {
            builder.Notes.Add(binary is null
                ? "Prometheus is not installed (apt-get install -y prometheus); metrics stay at the gateway's /metrics"
                : "dashboards/prometheus/prometheus.yml not found; Prometheus is not started");
            return null;
        }

        var folder = Path.Combine(builder.Options.StateDirectory, name);
        var resource = new Resource(name, "prometheus")
        {
            Command = () => binary,
            WorkingDirectory = builder.Options.StateDirectory,
        };
        var prometheus = builder.AddResource(resource).WithHttpEndpoint(port).WaitFor(scrapeTarget);
        var endpoint = resource.GetEndpoint("http");
        var target = scrapeTarget.Resource.GetEndpoint("http");
        resource.Arguments.AddRange(
        [
            () => WriteConfig(Path.Combine(dashboards, "prometheus.yml"), Path.Combine(dashboards, "rules.yml"), folder, target),
            () => "--storage.tsdb.path=" + Path.Combine(folder, "data"),
            () => $"--web.listen-address={Endpoint.Host}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}",
            () => "--log.level=warn",
        ]);
        resource.Prerequisites.Add(() => Directory.CreateDirectory(folder));
        return prometheus
            .WithHttpHealthCheck("/-/ready")
            .WithSummary(() => $"Prometheus   {endpoint.Url}/ (scraping {target.Url}/metrics)");
    }

    // The committed prometheus.yml names the gateway at its default address; the run's copy names the real one.
    private static string WriteConfig(string template, string rules, string folder, Endpoint gateway)
    {
        var text = File.ReadAllText(template)
            .Replace("127.0.0.1:8080", $"{Endpoint.Host}:{gateway.Port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal)
            .Replace("- rules.yml", "- " + rules, StringComparison.Ordinal);
        var path = Path.Combine(folder, "prometheus.yml");
        File.WriteAllText(path, text);
        return "--config.file=" + path;
    }

    private static void CheckExistingRedis(string name, string connectionString)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            if (!HealthChecks.RedisAsync(connectionString, timeout.Token).GetAwaiter().GetResult())
            {
                throw new PrerequisiteException(
                    $"the Redis at {connectionString} (ConnectionStrings__{name}) does not answer PING; start it, or unset ConnectionStrings__{name} to let the AppHost start redis-server.");
            }
        }
        catch (Exception ex) when (ex is FormatException or OperationCanceledException)
        {
            throw new PrerequisiteException(
                $"ConnectionStrings__{name}='{connectionString}' is not a reachable host:port ({ex.Message}); fix or unset it.", ex);
        }
    }
}
