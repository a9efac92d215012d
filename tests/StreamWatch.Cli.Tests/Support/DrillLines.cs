using System.Text.Json;

namespace StreamWatch.Cli.Tests.Support;

/// <summary>The parsed lines of <c>drill --format jsonl</c>: timeline events, then one summary.</summary>
internal sealed class DrillLines : IDisposable
{
    private readonly List<JsonDocument> _documents = [];

    public DrillLines(CliResult result)
    {
        foreach (var line in result.StdoutLines)
        {
            _documents.Add(JsonDocument.Parse(line));
        }
    }

    public JsonElement[] Events => [.. Of("drill-event")];

    public JsonElement Summary => Assert.Single(Of("drill-summary"));

    /// <summary>The index of the first event named <paramref name="name"/> (targeted only, when asked), or -1.</summary>
    public int IndexOf(string name, bool targetedOnly = false)
        => Array.FindIndex(Events, e => e.GetProperty("event").GetString() == name && (!targetedOnly || e.GetProperty("targeted").GetBoolean()));

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
