namespace StreamWatch.Lab.Edges;

/// <summary>Log events of <see cref="EdgeHandler"/> (event ids 9000-9099 belong to the Lab).</summary>
internal sealed partial class EdgeHandler
{
    [LoggerMessage(EventId = 9020, Level = LogLevel.Debug, Message = "Holding a request open until the client gives up (timeout fault)")]
    private static partial void LogHolding(ILogger logger);
}
