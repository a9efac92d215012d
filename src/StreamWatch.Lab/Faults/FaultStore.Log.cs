namespace StreamWatch.Lab.Faults;

/// <summary>Log events of <see cref="FaultStore"/> (event ids 9000-9099 belong to the Lab).</summary>
internal sealed partial class FaultStore
{
    [LoggerMessage(EventId = 9010, Level = LogLevel.Information, Message = "Fault {Id} added: {Kind} on {Cdn}/{Stream}/{Rendition}, from {ActiveFrom} until {ExpiresAt}")]
    private static partial void LogFaultAdded(ILogger logger, string id, string kind, string? cdn, string? stream, string rendition, DateTimeOffset activeFrom, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 9011, Level = LogLevel.Information, Message = "Fault {Id} removed")]
    private static partial void LogFaultRemoved(ILogger logger, string id);

    [LoggerMessage(EventId = 9012, Level = LogLevel.Information, Message = "All faults cleared ({Count})")]
    private static partial void LogFaultsCleared(ILogger logger, int count);
}
