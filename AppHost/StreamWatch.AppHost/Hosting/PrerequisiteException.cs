namespace StreamWatch.AppHost.Hosting;

/// <summary>
/// Something the AppHost needs is missing or wrong (a binary, a free port, a valid config file). The
/// message is the one line the user sees, saying what to install or change; the exit code is 2.
/// </summary>
internal sealed class PrerequisiteException : Exception
{
    public PrerequisiteException(string message)
        : base(message)
    {
    }

    public PrerequisiteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PrerequisiteException()
    {
    }
}
