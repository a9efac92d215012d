using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.ServiceDefaults.Tests.Support;

namespace StreamWatch.ServiceDefaults.Tests.Resilience;

/// <summary>
/// A real Kestrel upstream: <c>/flaky?key=K&amp;fail=N&amp;status=S&amp;retryAfter=R&amp;hangMs=H</c> answers
/// the first N requests of key K with status S (after hanging H ms, with Retry-After R when given), then 200.
/// </summary>
public sealed class FlakyUpstream : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private KestrelApp _app = null!;

    public Uri BaseAddress => _app.BaseAddress;

    public static async Task<FlakyUpstream> StartAsync()
    {
        var upstream = new FlakyUpstream();
        upstream._app = await KestrelApp.StartAsync(_ => { }, app => app.Map("/flaky", upstream.HandleAsync));
        return upstream;
    }

    public int Hits(string key) => _hits.GetValueOrDefault(key);

    /// <param name="key">Counts requests apart from other tests'.</param>
    /// <param name="fail">How many requests fail before the first 200.</param>
    /// <param name="status">The failing status code.</param>
    /// <param name="retryAfter">The Retry-After header value of a failure: seconds or an HTTP date.</param>
    /// <param name="hangMs">How long a failing request hangs before its answer.</param>
    public Uri Url(string key, int fail, int status = 503, string? retryAfter = null, int hangMs = 0)
        => new(BaseAddress, string.Create(CultureInfo.InvariantCulture, $"flaky?key={key}&fail={fail}&status={status}&retryAfter={Uri.EscapeDataString(retryAfter ?? string.Empty)}&hangMs={hangMs}"));

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var hit = _hits.AddOrUpdate(query["key"].ToString(), 1, static (_, n) => n + 1);
        if (hit > int.Parse(query["fail"].ToString(), CultureInfo.InvariantCulture))
        {
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return;
        }

        if (int.TryParse(query["hangMs"], CultureInfo.InvariantCulture, out var hang) && hang > 0)
        {
            try
            {
                await Task.Delay(hang, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up on this attempt
            }
        }

        context.Response.StatusCode = int.Parse(query["status"].ToString(), CultureInfo.InvariantCulture);
        if (query["retryAfter"].ToString() is { Length: > 0 } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
    }
}
