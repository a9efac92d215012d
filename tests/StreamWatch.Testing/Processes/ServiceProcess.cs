namespace StreamWatch.Testing.Processes;

/// <summary>
/// Starts one of StreamWatch's own services (its built assembly under <c>artifacts/bin</c>) as a
/// real process on a loopback port, ready once <c>/alive</c> answers 200. The test project must
/// reference the service's project so the assembly is built before the tests run.
/// </summary>
public static class ServiceProcess
{
    /// <summary>The built assembly of <paramref name="project"/>, e.g. <c>StreamWatch.Gateway</c>.</summary>
    /// <exception cref="FileNotFoundException">It has not been built (Release).</exception>
    public static string AssemblyPath(string project)
    {
        var path = Path.Combine(Corpus.RepositoryRoot, "artifacts", "bin", project, "release", project + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{project} is not built at {path}; run 'dotnet build -c Release' first.", path);
    }

    /// <summary>
    /// Starts <paramref name="project"/> with its HTTP endpoint on <c>http://127.0.0.1:{httpPort}</c>
    /// plus <paramref name="environment"/> (e.g. <c>ConnectionStrings__redis</c>), and waits for <c>/alive</c>.
    /// </summary>
    public static Task<ExternalProcess> StartAsync(
        string project,
        int httpPort,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                env[key] = value;
            }
        }

        var alive = new Uri($"http://127.0.0.1:{httpPort}/alive");
        return ExternalProcess.StartAsync(
            new ExternalProcessOptions
            {
                Name = project,
                FileName = "dotnet",
                Arguments = [AssemblyPath(project), .. arguments ?? []],
                Environment = env,
                ReadyCheck = async token =>
                {
                    using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
                    try
                    {
                        using var response = await client.GetAsync(alive, token).ConfigureAwait(false);
                        return response.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                    catch (TaskCanceledException) when (!token.IsCancellationRequested)
                    {
                        return false;
                    }
                },
            },
            cancellationToken);
    }
}
