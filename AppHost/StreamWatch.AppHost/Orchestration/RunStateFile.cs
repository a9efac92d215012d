using System.Text.Json;

namespace StreamWatch.AppHost.Orchestration;

/// <summary>
/// <c>{state}/apphost.json</c>: the running AppHost's pid, and each resource's pid, restarts and endpoints.
/// Tools (the drill, tests) read it to find the services; the AppHost reads it to refuse a second
/// instance on the same state directory.
/// </summary>
internal static class RunStateFile
{
    public const string FileName = "apphost.json";

    /// <summary>The variable every child gets, holding <see cref="RunId"/>: how a later AppHost knows a leftover process is ours.</summary>
    public const string RunIdVariable = "STREAMWATCH_APPHOST_RUN";

    /// <summary>This AppHost process's run id (random), written to the file and into every child's environment.</summary>
    public static readonly string RunId = Guid.NewGuid().ToString("N");

    /// <summary>Writes the file atomically (temp file + rename).</summary>
    public static void Write(string stateDirectory, bool ready, IEnumerable<ResourceRunner> runners)
    {
        ArgumentNullException.ThrowIfNull(runners);
        var path = Path.Combine(stateDirectory, FileName);
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("pid", Environment.ProcessId);
            json.WriteString("runId", RunId);
            json.WriteBoolean("ready", ready);
            json.WriteStartArray("resources");
            foreach (var runner in runners)
            {
                json.WriteStartObject();
                json.WriteString("name", runner.Resource.Name);
                json.WriteString("kind", runner.Resource.Kind);
                json.WriteNumber("pid", runner.ProcessId);
                if (Leftovers.StartTime(runner.ProcessId) is { } startTime)
                {
                    // With the pid, names this very process: a recycled pid has another start time.
                    json.WriteNumber("startTime", startTime);
                }

                json.WriteNumber("restarts", runner.Restarts);
                if (runner.Resource.ConnectionString is { } connectionString)
                {
                    json.WriteString("connectionString", connectionString());
                }

                json.WriteStartObject("endpoints");
                foreach (var endpoint in runner.Resource.Endpoints)
                {
                    json.WriteString(endpoint.Name, endpoint.Url);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The pid of another AppHost still running on this state directory, or null.</summary>
    public static int? FindRunningInstance(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var pid = document.RootElement.GetProperty("pid").GetInt32();
            if (pid == Environment.ProcessId || !NativeMethods.Exists(pid))
            {
                return null;
            }

            // A reused pid belongs to something else: only a live StreamWatch AppHost counts.
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            return commandLine.Contains("StreamWatch.AppHost", StringComparison.Ordinal) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Removes the file after a clean stop.</summary>
    public static void Delete(string stateDirectory)
    {
        try
        {
            File.Delete(Path.Combine(stateDirectory, FileName));
        }
        catch (IOException)
        {
        }
    }
}
