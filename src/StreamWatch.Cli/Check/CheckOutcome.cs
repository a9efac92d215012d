namespace StreamWatch.Cli.Check;

/// <summary>Either a report, or the one-line reason the input could not be fetched or read at all (exit code 2).</summary>
internal sealed record CheckOutcome(CheckReport? Report, string? Failure)
{
    public static CheckOutcome Completed(CheckReport report) => new(report, null);

    public static CheckOutcome Unavailable(string reason) => new(null, reason);
}
