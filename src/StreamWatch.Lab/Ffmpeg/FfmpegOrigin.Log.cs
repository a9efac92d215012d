namespace StreamWatch.Lab.Ffmpeg;

/// <summary>Log events of <see cref="FfmpegOrigin"/> (event ids 9000-9099 belong to the Lab).</summary>
internal sealed partial class FfmpegOrigin
{
    [LoggerMessage(EventId = 9030, Level = LogLevel.Information, Message = "Starting {Count} ffmpeg encoders in {Root}")]
    private static partial void LogStarting(ILogger logger, int count, string root);

    [LoggerMessage(EventId = 9031, Level = LogLevel.Information, Message = "ffmpeg for {Stream} started (pid {Pid})")]
    private static partial void LogEncoderStarted(ILogger logger, string stream, int pid);

    [LoggerMessage(EventId = 9032, Level = LogLevel.Error, Message = "ffmpeg for {Stream} exited with code {ExitCode}; restarting. Last stderr lines:\n{Tail}")]
    private static partial void LogEncoderDied(ILogger logger, string stream, int exitCode, string tail);
}
