using System.Text.Json;

namespace StreamWatch.Cli.Tests.Support;

/// <summary>The parsed lines of <c>watch --format jsonl</c>; every line must parse on its own.</summary>
internal sealed class WatchLines : IDisposable
{
    private readonly List<JsonDocument> _documents = [];

    public WatchLines(CliResult result)
    {
        foreach (var line in result.StdoutLines)
        {
            _documents.Add(JsonDocument.Parse(line));
        }
    }

    public IEnumerable<JsonElement> Heartbeats => Of("heartbeat");

    public IEnumerable<JsonElement> Findings => Of("finding");

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }
    }

    private IEnumerable<JsonElement> Of(string type)
        => _documents.Select(d => d.RootElement).Where(e => e.GetProperty("type").GetString() == type);
}
