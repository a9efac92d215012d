namespace StreamWatch.Cli.Drill;

/// <summary>The outcome of one call to the Lab's API: a value, or the one-line reason there is none (never an exception).</summary>
internal sealed record LabCallResult<T>(T? Value, string? Failure)
    where T : class
{
    public static LabCallResult<T> Ok(T value) => new(value, null);

    public static LabCallResult<T> Failed(string reason) => new(null, reason);
}
