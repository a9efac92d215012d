namespace StreamWatch.Probe.Reporting;

/// <summary>
/// How reports reach alerting (section <c>Probe:Reporting</c>). The endpoints and the probe id come from their own keys
/// (<c>services:alerting:grpc:N</c>, Aspire's names, and <c>Probe:Id</c>) and are filled in when the options are bound.
/// </summary>
public sealed class ReportingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Probe:Reporting";

    /// <summary>The key of the probe id, unique per probe instance: alerting numbers and de-duplicates reports per id.</summary>
    public const string ProbeIdKey = "Probe:Id";

    /// <summary>The configuration section listing alerting's gRPC endpoints, <c>services:alerting:grpc:0</c> and up.</summary>
    public const string EndpointsSection = "services:alerting:grpc";

    /// <summary>
    /// Reports waiting to be sent (not yet numbered) before the oldest is dropped and counted in
    /// <c>streamwatch_probe_reports_dropped_total</c>; defaults to 50,000, at least 16.
    /// </summary>
    public int BufferSize { get; set; } = 50_000;

    /// <summary>
    /// Numbered reports kept until every endpoint has acked them (sent and unacked, or waiting for a disconnected endpoint);
    /// an endpoint stops sending at this many unacked reports until acks arrive. Defaults to 10,000, at least 16.
    /// </summary>
    public int MaxUnacked { get; set; } = 10_000;

    /// <summary>First reconnect delay after a failed or lost call, doubled per failure up to <see cref="MaxReconnectDelay"/>, with jitter; defaults to 0.5 seconds.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest reconnect delay; defaults to 30 seconds.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long alerting may take to answer the hello before the call is abandoned and retried; defaults to 10 seconds.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The probe id sent in <c>ProbeHello</c>, from <c>Probe:Id</c>; defaults to the host name followed by <c>-probe</c>.</summary>
    public string ProbeId { get; set; } = string.Empty;

    /// <summary>Alerting's gRPC endpoints, from <c>services:alerting:grpc:0..N</c>; each receives every report, with its own acked cursor. Empty: reports stay in the buffer.</summary>
    public IList<string> Endpoints { get; } = [];
}
