namespace StreamWatch.Probe.Measurement;

/// <summary>One fetch's timings by phase, in seconds. Connect and TLS are 0 when the fetch reused a pooled connection.</summary>
/// <param name="DnsSeconds">DNS resolution (0 for an IP literal or a reused connection).</param>
/// <param name="ConnectSeconds">TCP connect.</param>
/// <param name="TlsSeconds">TLS handshake (0 for plain HTTP).</param>
/// <param name="FirstByteSeconds">Request start to the response headers.</param>
/// <param name="TotalSeconds">Request start to the last body byte (or the failure).</param>
/// <param name="NewConnection">Whether this fetch opened its connection.</param>
public sealed record FetchPhases(double DnsSeconds, double ConnectSeconds, double TlsSeconds, double FirstByteSeconds, double TotalSeconds, bool NewConnection);
