using Microsoft.Extensions.Options;
using StreamWatch.Alerting.Rules;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>Calls <see cref="IAlertEngine.Evaluate"/> every <see cref="AlertingOptions.EvaluationInterval"/> on the injected clock.</summary>
internal sealed class RuleEvaluationTimer(IAlertEngine engine, TimeProvider time, IOptions<AlertingOptions> options) : IHostedService, IDisposable
{
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.EvaluationInterval;
        _timer = time.CreateTimer(static state => ((IAlertEngine)state!).Evaluate(), engine, interval, interval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
