using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace StreamWatch.ServiceDefaults.Resilience;

/// <summary>
/// One pipeline per client name and authority, kept for the life of the host: handlers are
/// recycled by IHttpClientFactory every few minutes but circuit state must survive them, and one
/// failing CDN must not open the circuit for the others.
/// </summary>
internal sealed partial class HttpResiliencePipelines : IDisposable
{
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("StreamWatch.HttpRequest");

    /// <summary>The meter of the resilience counters.</summary>
    internal const string MeterName = "StreamWatch.Resilience";

    private readonly ConcurrentDictionary<(string Client, string Authority), ResiliencePipeline<HttpResponseMessage>> _pipelines = new();
    private readonly IOptionsMonitor<HttpResilienceOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IDisposable? _onChange;
    private readonly Meter _meter;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _circuitsOpened;

    public HttpResiliencePipelines(IOptionsMonitor<HttpResilienceOptions> options, ILogger<HttpResiliencePipelines> logger, IMeterFactory? meterFactory = null, TimeProvider? timeProvider = null)
    {
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;

        // Retries hide failures from callers: count them, so dashboards still see them. Labels: client name and a reason class.
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _retries = _meter.CreateCounter<long>("http.client.retries", "{retry}", "Outgoing HTTP requests retried by the standard resilience handler, by client and reason.");
        _circuitsOpened = _meter.CreateCounter<long>("http.client.circuit_breaker.opened", "{event}", "Times a circuit to an authority opened, by client.");

        // New settings take effect with new pipelines (circuit state starts afresh).
        _onChange = options.OnChange((changed, name) =>
        {
            foreach (var key in _pipelines.Keys)
            {
                if (name is null || key.Client == name)
                {
                    _pipelines.TryRemove(key, out _);
                }
            }
        });
    }

    public ResiliencePipeline<HttpResponseMessage> Get(string client, Uri? requestUri)
    {
        var authority = requestUri is { IsAbsoluteUri: true } ? requestUri.GetLeftPart(UriPartial.Authority) : string.Empty;
        return _pipelines.GetOrAdd((client, authority), static (key, self) => self.Build(key.Client, key.Authority), this);
    }

    public void Dispose()
    {
        _onChange?.Dispose();
        _meter.Dispose();
    }

    private ResiliencePipeline<HttpResponseMessage> Build(string client, string authority)
    {
        var options = _options.Get(client); // throws OptionsValidationException naming the settings at fault
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = client, InstanceName = authority, TimeProvider = _timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.TotalRequestTimeout, Name = "total-timeout" });

        var retry = options.Retry;
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = retry.MaxRetryAttempts,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = retry.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, retry.MaxDelay)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    Log.Retrying(_logger, client, request?.Method.Method ?? "?", authority, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, Describe(args.Outcome));
                    _retries.Add(1, new KeyValuePair<string, object?>("client", client), new KeyValuePair<string, object?>("reason", Reason(args.Outcome)));
                    return default;
                },
            });
        }

        var breaker = options.CircuitBreaker;
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "circuit-breaker",
            FailureRatio = breaker.FailureRatio,
            MinimumThroughput = breaker.MinimumThroughput,
            SamplingDuration = breaker.SamplingDuration,
            BreakDuration = breaker.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            OnOpened = args =>
            {
                Log.CircuitOpened(_logger, client, authority, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
                _circuitsOpened.Add(1, new KeyValuePair<string, object?>("client", client));
                return default;
            },
            OnClosed = _ =>
            {
                Log.CircuitClosed(_logger, client, authority);
                return default;
            },
        });

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout, Name = "attempt-timeout" });
        return builder.Build();
    }

    /// <summary>Transport errors, attempt timeouts, 408, 429 and 5xx.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var status = (int)outcome.Result!.StatusCode;
        return status >= 500 || status == (int)HttpStatusCode.RequestTimeout || status == (int)HttpStatusCode.TooManyRequests;
    }

    /// <summary>RFC 9110 §9.2.2 idempotent methods; a POST or PATCH may have taken effect, so it is never repeated.</summary>
    internal static bool IsIdempotent(HttpMethod method)
        => method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
           || method == HttpMethod.Trace || method == HttpMethod.Put || method == HttpMethod.Delete;

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxDelay)
    {
        if (!IsTransient(outcome)
            || !context.Properties.TryGetValue(RequestKey, out var request)
            || !IsIdempotent(request.Method))
        {
            return false;
        }

        // A server asking for a longer pause than we are willing to wait gets its answer passed on.
        var retryAfter = RetryAfter(outcome.Result);
        return retryAfter is null || retryAfter <= maxDelay;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - _timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>A low-cardinality reason: timeout, transport_error, 408, 429 or 5xx.</summary>
    private static string Reason(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => "timeout",
        not null => "transport_error",
        _ => (int)outcome.Result!.StatusCode switch
        {
            408 => "408",
            429 => "429",
            _ => "5xx",
        },
    };

    private static string Describe(Outcome<HttpResponseMessage> outcome)
        => outcome.Exception is { } ex ? ex.GetType().Name : $"HTTP {(int)outcome.Result!.StatusCode}";

    private static partial class Log
    {
        [LoggerMessage(200, LogLevel.Warning, "HTTP client {Client}: retrying {Method} to {Authority}, attempt {Attempt}, in {DelayMs} ms after {Outcome}")]
        public static partial void Retrying(ILogger logger, string client, string method, string authority, int attempt, double delayMs, string outcome);

        [LoggerMessage(201, LogLevel.Error, "HTTP client {Client}: circuit to {Authority} opened for {BreakSeconds} s after {Outcome}")]
        public static partial void CircuitOpened(ILogger logger, string client, string authority, double breakSeconds, string outcome);

        [LoggerMessage(202, LogLevel.Information, "HTTP client {Client}: circuit to {Authority} closed")]
        public static partial void CircuitClosed(ILogger logger, string client, string authority);
    }
}
