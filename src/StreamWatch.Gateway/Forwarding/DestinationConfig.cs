namespace StreamWatch.Gateway.Forwarding;

/// <summary>One upstream server.</summary>
public sealed class DestinationConfig
{
    /// <summary>Its base address, an absolute http or https URL such as <c>http://127.0.0.1:8081</c>; required.</summary>
    public string? Address { get; set; }
}
