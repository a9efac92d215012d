using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StreamWatch.Alerting.Store;

/// <summary>
/// Readiness of the store (<c>/health</c>, tag <c>dependency</c>): unhealthy while Redis is not
/// connected or writes are failing. Liveness (<c>/alive</c>) does not include it: alerting keeps
/// evaluating and queues writes meanwhile.
/// </summary>
internal sealed class AlertStoreHealthCheck(RedisConnection redis, AlertStoreWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["pendingWrites"] = writer.Pending,
            ["leases"] = writer.OwnedCount,
        };
        if (!redis.IsConnected)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Redis is not connected; {writer.Pending} writes queued", data: data));
        }

        if (writer.Failing)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Redis writes are failing ({writer.LastError}); {writer.Pending} writes queued", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"{writer.Pending} writes queued, {writer.OwnedCount} stream leases", data));
    }
}
