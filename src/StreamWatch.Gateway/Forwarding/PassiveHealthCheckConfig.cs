namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// Ejects a destination after <see cref="FailureThreshold"/> proxied requests in a row failed at the
/// transport level (connection refused or reset, timeout) and returns it after
/// <see cref="ReactivationPeriod"/> (or sooner, when an active probe succeeds).
/// </summary>
public sealed class PassiveHealthCheckConfig
{
    /// <summary>Turns passive ejection on. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Consecutive transport failures that eject a destination. Defaults to 3.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>How long an ejected destination rests. Defaults to 30 seconds.</summary>
    public TimeSpan ReactivationPeriod { get; set; } = TimeSpan.FromSeconds(30);
}
