using System.Collections.Frozen;

namespace StreamWatch.Lab.Faults;

/// <summary>Wire names of <see cref="FaultKind"/> and the parameters each kind takes.</summary>
internal static class FaultKinds
{
    private static readonly (FaultKind Kind, string Name, string[] Parameters)[] All =
    [
        (FaultKind.Stale, "stale", []),
        (FaultKind.HttpError, "http-error", ["status", "rate", "target", "seed"]),
        (FaultKind.Slow, "slow", ["delay", "bytesPerSecond", "target"]),
        (FaultKind.Jitter, "jitter", ["distribution", "min", "max", "mean", "stddev", "seed", "target"]),
        (FaultKind.Timeout, "timeout", ["target"]),
        (FaultKind.SequenceRegression, "sequence-regression", ["segments"]),
        (FaultKind.SequenceReset, "sequence-reset", []),
        (FaultKind.DiscontinuityStorm, "discontinuity-storm", []),
        (FaultKind.DropRendition, "drop-rendition", []),
        (FaultKind.Truncate, "truncate", ["bytes", "target"]),
        (FaultKind.Garbage, "garbage", ["seed", "target"]),
        (FaultKind.Lag, "lag", ["segments"]),
        (FaultKind.ClockSkew, "clock-skew", ["offset"]),
    ];

    private static readonly FrozenDictionary<string, FaultKind> ByName = All.ToFrozenDictionary(k => k.Name, k => k.Kind, StringComparer.Ordinal);
    private static readonly FrozenDictionary<FaultKind, string> Names = All.ToFrozenDictionary(k => k.Kind, k => k.Name);
    private static readonly FrozenDictionary<FaultKind, FrozenSet<string>> ParametersOf =
        All.ToFrozenDictionary(k => k.Kind, k => k.Parameters.ToFrozenSet(StringComparer.Ordinal));

    /// <summary>Every wire name, for error messages and documentation.</summary>
    public static string List { get; } = string.Join(", ", All.Select(k => k.Name));

    public static bool TryParse(string? name, out FaultKind kind) => ByName.TryGetValue(name ?? string.Empty, out kind);

    public static string NameOf(FaultKind kind) => Names[kind];

    public static bool Takes(FaultKind kind, string parameter) => ParametersOf[kind].Contains(parameter);
}
