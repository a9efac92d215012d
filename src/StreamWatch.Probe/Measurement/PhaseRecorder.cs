namespace StreamWatch.Probe.Measurement;

/// <summary>
/// Collects the connection phases of one request. <see cref="ProbeConnections"/> finds it in the request's options:
/// SocketsHttpHandler hands each new connection's callbacks the request that asked for it. A request served on a
/// pooled connection is never seen by those callbacks, so its phases stay empty (reuse shows as zero connect time).
/// </summary>
internal sealed class PhaseRecorder
{
    /// <summary>Where <see cref="HttpFetcher"/> puts the recorder on the request.</summary>
    public static readonly HttpRequestOptionsKey<PhaseRecorder> Key = new("StreamWatch.Probe.Phases");

    private long _connectedAt;
    private bool _connected;

    /// <summary>DNS resolution; null when the host was an IP literal or no connection was opened.</summary>
    public TimeSpan? Dns { get; private set; }

    /// <summary>TCP connect; null when no connection was opened (reuse).</summary>
    public TimeSpan? Connect { get; private set; }

    /// <summary>TLS handshake; null for plain HTTP or reuse.</summary>
    public TimeSpan? Tls { get; private set; }

    public void Resolved(TimeSpan elapsed) => Dns = elapsed;

    public void Connected(TimeSpan elapsed, long timestamp)
    {
        Connect = elapsed;
        _connectedAt = timestamp;
        _connected = true;
    }

    /// <summary>The plaintext stream is ready: for https the TLS handshake ran since <see cref="Connected"/>.</summary>
    public void Ready(TimeProvider time, bool secure)
    {
        if (secure && _connected)
        {
            Tls = time.GetElapsedTime(_connectedAt);
        }
    }
}
