namespace StreamWatch.ServiceDefaults.Resilience;

/// <summary>
/// The standard resilience of outgoing HTTP calls, outermost first: total timeout, retry, circuit
/// breaker, attempt timeout. Bound from the <c>Resilience</c> section, then from
/// <c>Resilience:Clients:{client name}</c> for a named client. Defaults follow
/// Microsoft.Extensions.Http.Resilience's standard handler.
/// </summary>
public sealed class HttpResilienceOptions
{
    /// <summary>The configuration section: <c>Resilience</c>.</summary>
    public const string SectionName = "Resilience";

    /// <summary>The per-client override section under <see cref="SectionName"/>: <c>Clients</c>.</summary>
    public const string ClientsSectionName = "Clients";

    /// <summary>Longest time for the whole call, every retry and delay included. Defaults to 30 seconds.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time for one attempt. Defaults to 10 seconds; must not exceed <see cref="TotalRequestTimeout"/>.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of idempotent requests.</summary>
    public HttpRetryOptions Retry { get; init; } = new();

    /// <summary>The circuit breaker, one per client and authority (scheme, host, port).</summary>
    public HttpCircuitBreakerOptions CircuitBreaker { get; init; } = new();
}

/// <summary>
/// Retries of idempotent requests (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) after a transport
/// error, an attempt timeout, or a 408, 429 or 5xx response; exponential backoff with jitter,
/// or the server's <c>Retry-After</c> when it gives one.
/// </summary>
public sealed class HttpRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off. Defaults to 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff delay, doubled each retry (before jitter). Defaults to 2 seconds.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest delay before a retry. A <c>Retry-After</c> longer than this is not waited for: the
    /// response is returned to the caller instead. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Randomizes backoff delays so clients do not retry in lockstep. Defaults to true.</summary>
    public bool UseJitter { get; set; } = true;
}

/// <summary>Stops calling an authority that keeps failing, for <see cref="BreakDuration"/>.</summary>
public sealed class HttpCircuitBreakerOptions
{
    /// <summary>Failure ratio in the sampling window that opens the circuit, in (0, 1]. Defaults to 0.1.</summary>
    public double FailureRatio { get; set; } = 0.1;

    /// <summary>Fewest calls in the sampling window before the ratio counts; at least 2. Defaults to 100.</summary>
    public int MinimumThroughput { get; set; } = 100;

    /// <summary>The sliding window the ratio is measured over; at least 0.5 s and twice <see cref="HttpResilienceOptions.AttemptTimeout"/>. Defaults to 30 seconds.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial call; at least 0.5 s. Defaults to 5 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
