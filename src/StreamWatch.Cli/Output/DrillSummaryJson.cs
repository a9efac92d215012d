namespace StreamWatch.Cli.Output;

/// <summary>The last <c>drill --format jsonl</c> line (<c>type</c> <c>drill-summary</c>). Properties are declared in output order.</summary>
internal sealed record DrillSummaryJson(
    string Type,
    string Fault,
    string Cdn,
    string Stream,
    string? Rendition,
    double ForSeconds,
    string? FaultId,
    bool Detected,
    double? FirstSymptomSeconds,
    string? FirstSymptom,
    double? BoundSeconds,
    bool? WithinBound,
    bool? Recovered,
    double? RecoverySeconds,
    bool Interrupted,
    string Alerting,
    int ExitCode);
