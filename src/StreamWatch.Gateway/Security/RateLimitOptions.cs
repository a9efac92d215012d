namespace StreamWatch.Gateway.Security;

/// <summary>
/// A fixed window per client IP address: at most <see cref="PermitLimit"/> requests per
/// <see cref="Window"/>; further requests get 429 with <c>Retry-After</c>. Health probes and
/// metrics scrapes are not limited.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Turns the limit on. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per window and client. Defaults to 600.</summary>
    public int PermitLimit { get; set; } = 600;

    /// <summary>The window. Defaults to 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
