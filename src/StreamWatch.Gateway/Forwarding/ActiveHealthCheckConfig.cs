namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// Periodic <c>GET {Address}{Path}</c> probes: a destination answering anything but 2xx, or not in
/// time, is ejected until a later probe succeeds.
/// </summary>
public sealed class ActiveHealthCheckConfig
{
    /// <summary>Turns the probes on. Defaults to false (true for the zero-configuration <c>alerting</c> cluster).</summary>
    public bool Enabled { get; set; }

    /// <summary>Time between probes of one destination. Defaults to 5 seconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one probe may take. Defaults to 2 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The probed path. Defaults to <c>/health</c>.</summary>
    public string Path { get; set; } = "/health";
}
