namespace StreamWatch.Alerting.Apis;

/// <summary>
/// The streams of the <c>streams:</c> configuration section (id and display name, in file order).
/// Streams that report without being configured are shown under their id.
/// </summary>
internal sealed class StreamDirectory
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public StreamDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var ids = new List<string>();
        foreach (var item in configuration.GetSection("streams").GetChildren())
        {
            var id = item["id"];
            if (string.IsNullOrWhiteSpace(id) || _names.ContainsKey(id))
            {
                continue;
            }

            var name = item["name"];
            _names[id] = string.IsNullOrWhiteSpace(name) ? id : name;
            ids.Add(id);
        }

        Ids = ids;
    }

    /// <summary>Configured stream ids, in file order.</summary>
    public IReadOnlyList<string> Ids { get; }

    public bool Contains(string id) => _names.ContainsKey(id);

    public string NameOf(string id) => _names.TryGetValue(id, out var name) ? name : id;
}
