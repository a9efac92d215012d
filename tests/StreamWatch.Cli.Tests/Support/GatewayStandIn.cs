using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Testing.Http;

namespace StreamWatch.Cli.Tests.Support;

/// <summary>
/// A stand-in for the StreamWatch gateway's read API on a real loopback Kestrel: <c>GET /api/v1/status</c> and
/// <c>GET /api/v1/alerts?state=...</c> in the CONTRACTS.md shapes (with extra fields a client must ignore), serving
/// whatever state the test set last. The test drives it through a drill: pending, firing and degraded, then resolved.
/// </summary>
internal sealed class GatewayStandIn : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _servedKinds = [];
    private LoopbackServer _server = null!;
    private string _state = "operational";
    private Dictionary<string, string> _cdnStates = new() { ["cdn-a"] = "operational", ["cdn-b"] = "operational" };
    private JsonObject[] _alerts = [];
    private long _version;
    private long _servedVersion = -1;
    private TaskCompletionSource _served = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri Address => _server.BaseAddress;

    /// <summary>Status requests answered so far.</summary>
    public int StatusRequests { get; private set; }

    public static async Task<GatewayStandIn> StartAsync()
    {
        var standIn = new GatewayStandIn();
        standIn._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/status", (HttpContext context) => standIn.StatusAsync(context));
            app.MapGet("/api/v1/alerts", (HttpContext context) => standIn.AlertsAsync(context));
        }, TestContext.Current.CancellationToken);
        return standIn;
    }

    /// <summary>An alert object as the API and webhooks carry it.</summary>
    public static JsonObject Alert(string state, string stream = "stream-1", string cdn = "cdn-a", string rendition = "720p", string rule = "ManifestStale") => new()
    {
        ["fingerprint"] = $"fp-{rule}-{stream}-{cdn}-{rendition}",
        ["rule"] = rule,
        ["severity"] = "critical",
        ["stream"] = stream,
        ["cdn"] = cdn,
        ["rendition"] = rendition,
        ["state"] = state,
        ["startsAt"] = "2026-11-21T20:00:03Z",
        ["endsAt"] = null,
        ["summary"] = $"{cdn} has served the same {rendition} playlist for 9.1 s (target duration 6 s)",
        ["labels"] = new JsonObject { ["team"] = "video" },
        ["acknowledged"] = false,
    };

    /// <summary>Sets what the next polls see.</summary>
    public void Set(string streamState, string cdnAState, params JsonObject[] alerts)
    {
        lock (_gate)
        {
            _state = streamState;
            _cdnStates = new() { ["cdn-a"] = cdnAState, ["cdn-b"] = "operational" };
            _alerts = alerts;
            _version++;
            _served = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes once a status and an alerts request have both been answered with the state set last (hang guard: 30 s).</summary>
    public async Task WaitUntilServedAsync()
    {
        Task served;
        lock (_gate)
        {
            served = _served.Task;
        }

        await served.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task StatusAsync(HttpContext context)
    {
        JsonObject body;
        lock (_gate)
        {
            StatusRequests++;
            var stream = new JsonObject
            {
                ["id"] = "stream-1",
                ["name"] = "Lab stream 1",
                ["state"] = _state,
                ["cdns"] = new JsonArray([.. _cdnStates.Select(c => (JsonNode)new JsonObject { ["cdn"] = c.Key, ["state"] = c.Value, ["renditions"] = new JsonArray() })]),
                ["alerts"] = new JsonArray([.. _alerts.Where(a => (string?)a["stream"] == "stream-1").Select(a => a.DeepClone())]),
                ["updatedAt"] = "2026-11-21T20:00:03Z",
            };
            body = new JsonObject
            {
                ["generatedAt"] = "2026-11-21T20:00:04Z",
                ["streams"] = new JsonArray(stream, new JsonObject { ["id"] = "stream-2", ["name"] = "Lab stream 2", ["state"] = "operational", ["cdns"] = new JsonArray(), ["alerts"] = new JsonArray() }),
            };
        }

        await WriteAsync(context, body, served: "status");
    }

    private async Task AlertsAsync(HttpContext context)
    {
        var state = context.Request.Query["state"].ToString();
        JsonObject body;
        lock (_gate)
        {
            body = new JsonObject
            {
                ["alerts"] = new JsonArray([.. _alerts.Where(a => state.Length == 0 || (string?)a["state"] == state).Select(a => a.DeepClone())]),
                ["total"] = _alerts.Length,
            };
        }

        await WriteAsync(context, body, served: "alerts");
    }

    private async Task WriteAsync(HttpContext context, JsonObject body, string served)
    {
        long version;
        lock (_gate)
        {
            version = _version;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }), context.RequestAborted);

        lock (_gate)
        {
            // Both endpoints answered with the latest state: the drill's next poll result reflects it.
            if (version != _version)
            {
                return;
            }

            if (_servedVersion != version)
            {
                _servedKinds.Clear();
                _servedVersion = version;
            }

            _servedKinds.Add(served);
            if (_servedKinds.Count == 2)
            {
                _served.TrySetResult();
            }
        }
    }
}
