using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace StreamWatch.ServiceDefaults.Tests.Support;

/// <summary>A Kestrel app with AddServiceDefaults and StreamWatch instruments a scraper can find.</summary>
public static class ServiceDefaultsApp
{
    public const string MeterName = "StreamWatch.Tests.Demo";

    /// <summary>A label value with every character the text format escapes.</summary>
    public const string TrickyLabelValue = "say \"hi\"\\ C:\\path\nnext line ünï";

    public static Task<KestrelApp> StartAsync() => KestrelApp.StartAsync(
        builder =>
        {
            builder.AddServiceDefaults();
            builder.Services.AddHttpClient();
        },
        app =>
        {
            app.MapDefaultEndpoints();

            // From the host's IMeterFactory, so parallel tests' apps do not see each other's series.
            var meter = app.Services.GetRequiredService<IMeterFactory>().Create(MeterName);
            meter.CreateObservableGauge("demo.escaped", () => new Measurement<int>(1, new KeyValuePair<string, object?>("note", TrickyLabelValue)), description: "A label value needing escapes.");
            var requests = meter.CreateCounter<long>("demo.requests", "{request}", "Demo requests served.");
            var latency = meter.CreateHistogram("demo.latency", "s", "Demo request latency.", null,
                new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1] });
            app.MapGet("/demo/{cdn}", (string cdn) =>
            {
                var tag = new KeyValuePair<string, object?>("cdn", cdn);
                requests.Add(1, tag);
                latency.Record(0.25, tag);
                return Results.Ok();
            });

            // An outgoing call through IHttpClientFactory (and so the resilience handler), for HttpClient metrics.
            app.MapGet("/relay", async (HttpContext context, IHttpClientFactory factory) =>
            {
                var client = factory.CreateClient("relay");
                var self = new Uri($"{context.Request.Scheme}://{context.Request.Host}/demo/relayed");
                using var response = await client.GetAsync(self, context.RequestAborted);
                return Results.StatusCode((int)response.StatusCode);
            });
        });
}
