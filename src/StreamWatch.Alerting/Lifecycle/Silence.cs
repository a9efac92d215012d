namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// Suppresses notifications of alerts that fire while it is active and whose labels satisfy every
/// matcher. A silenced alert still fires and resolves; only its notifications are withheld.
/// </summary>
public sealed record Silence
{
    /// <summary>Id assigned by the engine.</summary>
    public required string Id { get; init; }

    /// <summary>All must match; at least one.</summary>
    public required IReadOnlyList<LabelMatcher> Matchers { get; init; }

    /// <summary>Start (inclusive, UTC).</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>End (exclusive, UTC).</summary>
    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>Who created it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Why.</summary>
    public string Comment { get; init; } = string.Empty;

    /// <summary>Whether it is in force at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    /// <summary>Whether every matcher matches <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var matcher in Matchers)
        {
            if (!matcher.Matches(labels))
            {
                return false;
            }
        }

        return Matchers.Count > 0;
    }
}
