namespace StreamWatch.AppHost.Hosting;

/// <summary>
/// Fluent declaration of one resource, shaped like Aspire's <c>IResourceBuilder&lt;T&gt;</c>:
/// endpoints, environment, references (<c>ConnectionStrings__x</c>, <c>services__x__http__0</c>) and wait-for.
/// </summary>
internal sealed class ResourceBuilder(DistributedApplicationBuilder applicationBuilder, Resource resource)
{
    /// <summary>The application this resource belongs to.</summary>
    public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;

    /// <summary>The resource being declared.</summary>
    public Resource Resource { get; } = resource;

    /// <summary>
    /// Adds an HTTP endpoint. <paramref name="port"/> is the default (0: any free port); a taken default
    /// moves to a free port unless <paramref name="isFixed"/>, which makes a taken port an error.
    /// </summary>
    public ResourceBuilder WithHttpEndpoint(int port = 0, string name = "http", bool isFixed = false)
        => WithEndpoint(name, "http", port, isFixed);

    /// <summary>Adds a plain-text HTTP/2 (h2c) gRPC endpoint named <c>grpc</c>.</summary>
    public ResourceBuilder WithGrpcEndpoint(int port = 0, bool isFixed = false) => WithEndpoint("grpc", "http", port, isFixed);

    /// <summary>Adds an endpoint with any scheme (<c>tcp</c> for Redis).</summary>
    public ResourceBuilder WithEndpoint(string name, string scheme, int port, bool isFixed = false)
    {
        Resource.Endpoints.Add(new Endpoint(Resource, name, scheme, port, isFixed));
        return this;
    }

    /// <summary>Sets an environment variable.</summary>
    public ResourceBuilder WithEnvironment(string name, string? value) => WithEnvironment(name, () => value);

    /// <summary>Sets an environment variable computed when the process starts (after ports are chosen).</summary>
    public ResourceBuilder WithEnvironment(string name, Func<string?> value)
    {
        Resource.Environment[name] = value;
        return this;
    }

    /// <summary>Appends arguments.</summary>
    public ResourceBuilder WithArgs(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var argument in arguments)
        {
            Resource.Arguments.Add(() => argument);
        }

        return this;
    }

    /// <summary>
    /// Gives this resource the other's address the way Aspire does: its connection string as
    /// <c>ConnectionStrings__{name}</c> when it has one, else every endpoint as <c>services__{name}__{endpoint}__0</c>.
    /// A null reference (a resource that is not part of this run) is ignored.
    /// </summary>
    public ResourceBuilder WithReference(ResourceBuilder? other)
    {
        if (other is null)
        {
            return this;
        }

        var target = other.Resource;
        if (target.ConnectionString is { } connectionString)
        {
            return WithEnvironment($"ConnectionStrings__{target.Name}", () => connectionString());
        }

        foreach (var endpoint in target.Endpoints)
        {
            WithEnvironment($"services__{target.Name}__{endpoint.Name}__0", () => endpoint.Url);
        }

        return this;
    }

    /// <summary>Starts this resource only once <paramref name="other"/> is healthy (null: ignored).</summary>
    public ResourceBuilder WaitFor(ResourceBuilder? other)
    {
        if (other is not null && !Resource.WaitsFor.Contains(other.Resource))
        {
            Resource.WaitsFor.Add(other.Resource);
        }

        return this;
    }

    /// <summary>Healthy when <c>GET {endpoint}{path}</c> answers 2xx.</summary>
    public ResourceBuilder WithHttpHealthCheck(string path = "/health", string endpointName = "http")
    {
        var endpoint = Resource.GetEndpoint(endpointName);
        Resource.HealthCheck = token => HealthChecks.HttpAsync(new Uri(endpoint.Url + path), token);
        return this;
    }

    /// <summary>Replaces the restart policy (tests use short delays).</summary>
    public ResourceBuilder WithRestartPolicy(RestartPolicy policy)
    {
        Resource.Restart = policy;
        return this;
    }

    /// <summary>Adds a line to the ready summary.</summary>
    public ResourceBuilder WithSummary(Func<string> line)
    {
        Resource.SummaryLines.Add(line);
        return this;
    }
}
