using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StreamWatch.Lab.Ffmpeg;

/// <summary>Ready when every encoder runs (always, in synthetic mode); degraded while any restarts.</summary>
internal sealed class FfmpegHealthCheck(FfmpegOrigin origin) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!origin.IsEnabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("synthetic mode"));
        }

        var down = origin.States.Where(s => !s.Value.Running).Select(s => s.Key).ToArray();
        return Task.FromResult(down.Length == 0 && origin.States.Count > 0
            ? HealthCheckResult.Healthy($"{origin.States.Count} encoders running")
            : HealthCheckResult.Degraded($"encoders not running: {string.Join(", ", down)}"));
    }
}
