using Polly;

namespace StreamWatch.ServiceDefaults.Resilience;

/// <summary>
/// Runs each request through the client's resilience pipeline. When the circuit is open the call
/// fails fast with Polly's <c>BrokenCircuitException</c>; when the total timeout passes, with
/// <c>TimeoutRejectedException</c>.
/// </summary>
internal sealed class StandardResilienceHandler(string clientName, HttpResiliencePipelines pipelines) : DelegatingHandler
{
    public string ClientName { get; } = clientName;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pipeline = pipelines.Get(ClientName, request.RequestUri);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpResiliencePipelines.RequestKey, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendAttemptAsync(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // Re-sending one HttpRequestMessage below HttpClient is safe: the "already sent" guard lives in
    // HttpClient, and buffered content (string, bytes, JSON) can be read again.
    private Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => base.SendAsync(request, cancellationToken);
}
