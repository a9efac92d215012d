using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StreamWatch.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps health probes and scrapes (every few seconds, forever) out of the exported traces: the
/// request's activity still exists for log correlation, but is no longer marked recorded, and
/// OpenTelemetry's export processors skip activities that are not recorded.
/// </summary>
public static class ProbeTraffic
{
    /// <summary>Leaves the endpoints' requests out of exported traces.</summary>
    public static TBuilder ExcludeFromTraces<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(static endpoint =>
        {
            var next = endpoint.RequestDelegate;
            if (next is null)
            {
                return;
            }

            endpoint.RequestDelegate = context =>
            {
                Unrecord();
                return next(context);
            };
        });
        return builder;
    }

    /// <summary>Marks the current activity as not recorded, so it is not exported.</summary>
    public static void Unrecord()
    {
        if (Activity.Current is { } activity)
        {
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
