namespace StreamWatch.Alerting.Lifecycle;

/// <summary>Matches alerts whose label <paramref name="Name"/> equals <paramref name="Value"/> (ordinal); a missing label equals the empty string.</summary>
/// <param name="Name">Label name, e.g. <c>cdn</c> or <c>rule</c>.</param>
/// <param name="Value">Required value.</param>
public sealed record LabelMatcher(string Name, string Value)
{
    /// <summary>Whether <paramref name="labels"/> satisfy this matcher.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var actual = labels.TryGetValue(Name, out var value) ? value : string.Empty;
        return string.Equals(actual, Value, StringComparison.Ordinal);
    }
}
