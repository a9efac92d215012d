using System.Globalization;
using System.Net.Http.Headers;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>Exponential backoff with full jitter, and the HTTP answers worth retrying.</summary>
internal static class RetryBackoff
{
    /// <summary>
    /// Full jitter (a uniform wait between zero and <c>min(max, base × 2^(attempt−1))</c>): retries
    /// of many StreamWatch replicas or receivers spread out instead of arriving in waves.
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ceiling = Math.Min(maxDelay.TotalSeconds, baseDelay.TotalSeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(ceiling * random.NextDouble());
    }

    /// <summary>Whether a response status is worth retrying: 408, 429 and every 5xx.</summary>
    public static bool IsRetryable(int status) => status is 408 or 429 or >= 500;

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds or an HTTP date), or null.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        return header.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }

    /// <summary>Formats seconds for history entries.</summary>
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
