namespace StreamWatch.AppHost.Hosting;

/// <summary>
/// One thing the AppHost runs (or, for an existing Redis, only checks): a command with arguments and
/// environment, endpoints, the resources it waits for, and how to tell it is healthy.
/// </summary>
internal sealed class Resource(string name, string kind)
{
    /// <summary>Unique name: the log prefix and the name in <c>services__{name}__…</c> / <c>ConnectionStrings__{name}</c>.</summary>
    public string Name { get; } = name;

    /// <summary>What it is, for messages: <c>project</c>, <c>redis</c>, <c>executable</c>, <c>prometheus</c>.</summary>
    public string Kind { get; } = kind;

    /// <summary>The executable, resolved when the application is built (null for an external resource).</summary>
    public Func<string>? Command { get; set; }

    /// <summary>Arguments, evaluated when the process starts (ports are known by then).</summary>
    public List<Func<string>> Arguments { get; } = [];

    /// <summary>Environment variables, evaluated when the process starts; a null value removes an inherited one.</summary>
    public Dictionary<string, Func<string?>> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Environment computed from the model when the process starts (e.g. Kestrel endpoints from the chosen ports).</summary>
    public List<Action<IDictionary<string, string?>>> EnvironmentCallbacks { get; } = [];

    /// <summary>Working directory; the AppHost's own when null.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Endpoints in declaration order.</summary>
    public List<Endpoint> Endpoints { get; } = [];

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public List<Resource> WaitsFor { get; } = [];

    /// <summary>True when healthy; null means healthy as soon as the process runs.</summary>
    public Func<CancellationToken, Task<bool>>? HealthCheck { get; set; }

    /// <summary>How long to wait for health on start before giving up; defaults to 90 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long to wait after SIGTERM before killing the process group; defaults to 10 seconds.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Restart delays after a crash.</summary>
    public RestartPolicy Restart { get; set; } = RestartPolicy.Default;

    /// <summary>The connection string others get through <c>WithReference</c>, when it has one (Redis).</summary>
    public Func<string>? ConnectionString { get; set; }

    /// <summary>True for a resource the AppHost does not start (an existing Redis): only its health is checked.</summary>
    public bool IsExternal { get; set; }

    /// <summary>Checks run before anything starts; each throws <see cref="PrerequisiteException"/>.</summary>
    public List<Action> Prerequisites { get; } = [];

    /// <summary>Extra lines for the ready summary, e.g. the status page URL.</summary>
    public List<Func<string>> SummaryLines { get; } = [];

    /// <summary>The endpoint named <paramref name="endpointName"/>.</summary>
    public Endpoint GetEndpoint(string endpointName)
        => Endpoints.Find(e => e.Name == endpointName)
           ?? throw new InvalidOperationException($"{Name} has no endpoint '{endpointName}'.");

    /// <inheritdoc />
    public override string ToString() => Name;
}
