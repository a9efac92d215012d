using StreamWatch.AppHost.Orchestration;

namespace StreamWatch.AppHost.Hosting;

/// <summary>
/// Declares the resources of a run, Aspire style (<c>AddRedis</c>, <c>AddProject</c>, <c>WithReference</c>,
/// <c>WaitFor</c>); <see cref="Build"/> freezes the model for the orchestrator.
/// </summary>
internal sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    public DistributedApplicationBuilder(AppHostOptions options, ConsoleLog log, string artifactsBin, string configuration)
    {
        Options = options;
        Log = log;
        ArtifactsBin = artifactsBin;
        Configuration = configuration;
    }

    /// <summary>The command line.</summary>
    public AppHostOptions Options { get; }

    /// <summary>A command-line error found while parsing; reported (exit 2) when the application runs.</summary>
    public PrerequisiteException? OptionsError { get; init; }

    /// <summary>Where output goes.</summary>
    public ConsoleLog Log { get; }

    /// <summary><c>artifacts/bin</c>: each service's build output is <c>{ArtifactsBin}/{Project}/{Configuration}/{Project}.dll</c>.</summary>
    public string ArtifactsBin { get; }

    /// <summary>The build configuration folder name (<c>release</c> or <c>debug</c>), the AppHost's own.</summary>
    public string Configuration { get; }

    /// <summary>The repository root (holds <c>dashboards/</c>), or null when the AppHost runs outside the repository.</summary>
    public string? RepositoryRoot => FindUp(ArtifactsBin, "dashboards");

    /// <summary>Reads a setting from the AppHost's environment (<c>ConnectionStrings__redis</c>); tests replace it.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Lines printed before the ready summary (e.g. why Prometheus is not started).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The resources declared so far, in declaration order.</summary>
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Adds a resource.</summary>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public ResourceBuilder AddResource(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Exists(r => r.Name == resource.Name))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' is already declared.", nameof(resource));
        }

        _resources.Add(resource);
        Log.Register(resource.Name);
        return new ResourceBuilder(this, resource);
    }

    /// <summary>Any executable, found on PATH when it is not a path.</summary>
    public ResourceBuilder AddExecutable(string name, string command, params string[] arguments)
    {
        var resource = new Resource(name, "executable");
        var path = command.Contains('/', StringComparison.Ordinal) ? command : BinaryLocator.Find(command);
        resource.Command = () => path ?? command;
        resource.Prerequisites.Add(() =>
        {
            if (path is null || !File.Exists(path))
            {
                throw new PrerequisiteException($"{name}: '{command}' is not installed (not found on PATH).");
            }
        });
        return AddResource(resource).WithArgs(arguments);
    }

    /// <summary>Freezes the model: checks prerequisites (first failure throws) and chooses ports.</summary>
    public DistributedApplication Build() => new(this, [.. _resources]);

    /// <summary>
    /// The builder for this process's command line; the services' build output is found next to the AppHost's
    /// (<c>artifacts/bin/StreamWatch.AppHost/{configuration}/</c>).
    /// </summary>
    public static DistributedApplicationBuilder Create(string[] args, ConsoleLog? log = null)
    {
        var baseDirectory = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var configuration = Path.GetFileName(baseDirectory);
        var artifactsBin = Path.GetDirectoryName(Path.GetDirectoryName(baseDirectory)) ?? baseDirectory;
        AppHostOptions options;
        PrerequisiteException? error = null;
        try
        {
            options = AppHostOptions.Parse(args);
        }
        catch (PrerequisiteException ex)
        {
            options = new AppHostOptions();
            error = ex;
        }

        return new DistributedApplicationBuilder(options, log ?? ConsoleLog.ForConsole(), artifactsBin, configuration) { OptionsError = error };
    }

    private static string? FindUp(string start, string child)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, child)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
