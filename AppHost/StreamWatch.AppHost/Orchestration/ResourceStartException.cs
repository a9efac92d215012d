namespace StreamWatch.AppHost.Orchestration;

/// <summary>A resource exited or stayed unhealthy while starting; the message says which and why.</summary>
internal sealed class ResourceStartException : Exception
{
    public ResourceStartException(string message)
        : base(message)
    {
    }

    public ResourceStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResourceStartException()
    {
    }
}
