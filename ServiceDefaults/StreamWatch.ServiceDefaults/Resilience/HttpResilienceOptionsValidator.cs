using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.ServiceDefaults.Resilience;

/// <summary>Checks <see cref="HttpResilienceOptions"/>, naming each setting at fault (<c>Resilience:AttemptTimeout …</c>).</summary>
internal sealed class HttpResilienceOptionsValidator() : SettingsValidator<HttpResilienceOptions>(HttpResilienceOptions.SectionName)
{
    // Polly's own lower bounds, checked here so the error names the setting rather than a Polly type.
    private static readonly TimeSpan PollyMinimumDuration = TimeSpan.FromMilliseconds(500);

    protected override void Validate(HttpResilienceOptions options, SettingErrors errors)
    {
        errors.Positive(nameof(options.TotalRequestTimeout), options.TotalRequestTimeout);
        errors.Positive(nameof(options.AttemptTimeout), options.AttemptTimeout);
        if (options.AttemptTimeout > options.TotalRequestTimeout)
        {
            errors.Add(nameof(options.AttemptTimeout), $"must not exceed {errors.Key(nameof(options.TotalRequestTimeout))} ({options.TotalRequestTimeout:c})", options.AttemptTimeout);
        }

        var retry = options.Retry;
        errors.InRange("Retry:MaxRetryAttempts", retry.MaxRetryAttempts, 0, 100);
        errors.Positive("Retry:BaseDelay", retry.BaseDelay);
        errors.Positive("Retry:MaxDelay", retry.MaxDelay);

        var breaker = options.CircuitBreaker;
        if (!(breaker.FailureRatio > 0 && breaker.FailureRatio <= 1))
        {
            errors.Add("CircuitBreaker:FailureRatio", "must be greater than 0 and at most 1", breaker.FailureRatio);
        }

        errors.AtLeast("CircuitBreaker:MinimumThroughput", breaker.MinimumThroughput, 2);
        errors.AtLeast("CircuitBreaker:BreakDuration", breaker.BreakDuration, PollyMinimumDuration);
        errors.AtLeast("CircuitBreaker:SamplingDuration", breaker.SamplingDuration, PollyMinimumDuration);
        if (breaker.SamplingDuration < options.AttemptTimeout * 2)
        {
            // A window shorter than two attempts would judge the authority on calls still in flight.
            errors.Add("CircuitBreaker:SamplingDuration", $"must be at least twice {errors.Key(nameof(options.AttemptTimeout))} ({options.AttemptTimeout:c})", breaker.SamplingDuration);
        }
    }
}
