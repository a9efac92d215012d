using StreamWatch.Cli.Fetching;
using StreamWatch.Cli.Output;
using StreamWatch.Cli.Watch;

namespace StreamWatch.Cli.Drill;

/// <summary>
/// Runs one drill: resolve the stream on the Lab, watch it (and another CDN of it) with the watch machinery until a
/// healthy baseline, inject the fault, keep watching for <c>--for</c>, delete the fault (always, also on Ctrl+C),
/// watch for recovery, then report.
/// </summary>
internal sealed class DrillRunner(LabClient lab, ManifestFetcher fetcher, FetchOptions fetch, TimeProvider time, IDrillOutput output, TextWriter error)
{
    /// <summary>Longest wait for the healthy baseline before injecting: 30 seconds.</summary>
    public static readonly TimeSpan BaselineLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest wait for the fault's DELETE when the drill is being torn down (Ctrl+C): the process gives a cancelled
    /// command 2 seconds before it exits anyway, and the fault also expires on its own (<see cref="FaultJson.ExpiryMargin"/>).
    /// </summary>
    public static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(1.5);

    // Before the first poll reports one; the Lab's default segment duration.
    private static readonly TimeSpan AssumedTargetDuration = TimeSpan.FromSeconds(2);

    public async Task<int> RunAsync(DrillRequest request, CancellationToken cancellationToken)
    {
        var catalog = await lab.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (catalog.Value is null)
        {
            await ErrorLine.WriteAsync(error, catalog.Failure!).ConfigureAwait(false);
            return ExitCodes.InputUnavailable;
        }

        if (Resolve(request, catalog.Value, out var problem) is not { } plan)
        {
            await ErrorLine.WriteAsync(error, problem!).ConfigureAwait(false);
            return ExitCodes.InputUnavailable;
        }

        var alerting = request.Alerting is { Configured: true } asked ? asked : null;
        WebhookObserver? webhooks = null;
        WebhookReceiver? receiver = null;
        using var gatewayClient = alerting?.Gateway is { } gatewayUrl ? new GatewayClient(gatewayUrl, fetch) : null;
        var observation = new DrillObservation(plan.Cdn, plan.Rendition, output);
        if (alerting?.WebhookListen is { } listen)
        {
            webhooks = new WebhookObserver(plan, alerting.WebhookSecret ?? string.Empty, observation, time);
            (receiver, var listenFailure) = await WebhookReceiver.StartAsync(listen, webhooks, cancellationToken).ConfigureAwait(false);
            if (receiver is null)
            {
                await ErrorLine.WriteAsync(error, listenFailure!).ConfigureAwait(false);
                return ExitCodes.InputUnavailable;
            }

            alerting = alerting with { WebhookListen = receiver.Address };
        }

        try
        {
            plan = plan with { Alerting = alerting };
            return await RunAsync(plan, alerting, observation, gatewayClient, webhooks, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (receiver is not null)
            {
                await receiver.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<int> RunAsync(
        DrillPlan plan, DrillAlertingOptions? alerting, DrillObservation observation, GatewayClient? gatewayClient, WebhookObserver? webhooks, CancellationToken cancellationToken)
    {
        output.Started(plan);
        var gateway = gatewayClient is null ? null : new GatewayObserver(gatewayClient, plan, observation, time);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var affected = WatchAsync(plan.Watched, plan.Cdn, observation, stopWatching.Token);
        var comparison = plan.Comparison is { } other ? WatchAsync(other, plan.ComparisonCdn!, observation, stopWatching.Token) : Task.FromResult<string?>(null);
        var polling = gateway?.RunAsync(stopWatching.Token) ?? Task.CompletedTask;

        string? faultId = null;
        string? createdId = null;
        DateTimeOffset? clearedAt = null;
        DateTimeOffset? injectedAt = null;
        DetectionBound? bound = null;
        DetectionBound? alertBound = null;
        TimeSpan? recoveryBound = null;
        var interrupted = false;
        try
        {
            if (!await WaitUntilAsync(() => observation.BaselineReady && gateway?.Answered != false, BaselineLimit, affected, observation, cancellationToken).ConfigureAwait(false))
            {
                var reason = affected.IsCompleted && await affected.ConfigureAwait(false) is { } failure
                    ? failure
                    : !observation.BaselineReady
                        ? $"{plan.Cdn}/{plan.Stream} was not healthy within {DurationSyntax.Format(BaselineLimit)}, so a fault's effect could not be told apart: {observation.BaselineProblem} (is another fault active? GET {plan.Lab}lab/faults)"
                        : $"the gateway at {gateway!.Address} did not answer within {DurationSyntax.Format(BaselineLimit)}: {gateway.Failure ?? "no answer yet"}";
                await ErrorLine.WriteAsync(error, reason).ConfigureAwait(false);
                return ExitCodes.InputUnavailable;
            }

            var baselineAt = time.GetUtcNow();
            observation.Baseline(baselineAt);
            if (gateway?.Baseline(baselineAt) is { } gatewayWarning)
            {
                await ErrorLine.WriteAsync(error, gatewayWarning).ConfigureAwait(false);
            }

            var targetDuration = observation.TargetDuration ?? AssumedTargetDuration;
            bound = DetectionBound.For(plan.Kind, targetDuration, fetch.RequestTimeout);
            if (bound is not null && plan.For < bound.Value)
            {
                await ErrorLine.WriteAsync(error, $"warning: --for {DurationSyntax.Format(plan.For)} is shorter than the {DurationSyntax.Format(bound.Value)} it may take to see a {plan.Kind} fault; it may be cleared before it shows").ConfigureAwait(false);
            }

            if (alerting is not null)
            {
                alertBound = DetectionBound.ForAlert(targetDuration, alerting.AlertFor);
                if (plan.For < alertBound.Value)
                {
                    await ErrorLine.WriteAsync(error, $"warning: --for {DurationSyntax.Format(plan.For)} is shorter than the {DurationSyntax.Format(alertBound.Value)} an alert may take to fire ({alertBound.Reason}); the fault may be cleared before it fires").ConfigureAwait(false);
                }
            }

            // Offsets count from when the request left: the Lab applies the fault on receipt, a loopback hop later.
            injectedAt = time.GetUtcNow();
            // Not cancellable (the request timeout bounds it): a Ctrl+C mid-POST must still learn the id, or the fault would outlive the drill.
            var injected = await lab.InjectAsync(FaultJson.Create(plan), CancellationToken.None).ConfigureAwait(false);
            if (injected.Value is null)
            {
                await ErrorLine.WriteAsync(error, injected.Failure!).ConfigureAwait(false);
                return ExitCodes.InputUnavailable;
            }

            faultId = createdId = injected.Value;
            observation.Injected(injectedAt.Value, $"injected {faultId}: {plan.Describe()} for {DurationSyntax.Format(plan.For)}");
            await Task.Delay(plan.For, time, cancellationToken).ConfigureAwait(false);

            clearedAt = await ClearAsync(faultId, plan, observation, fetch.RequestTimeout, cancellationToken).ConfigureAwait(false);
            faultId = clearedAt is null ? faultId : null;
            recoveryBound = RecoveryBound(observation.TargetDuration ?? targetDuration);
            if (observation.Recovered is not null)
            {
                await WaitUntilAsync(() => observation.Recovered == true, recoveryBound.Value, null, observation, cancellationToken).ConfigureAwait(false);
            }

            if (alerting is not null)
            {
                // The alert resolves only after its clearFor: wait for StreamWatch to say so, up to --wait-for-resolve after clearing.
                var resolveLimit = (clearedAt ?? time.GetUtcNow()) + alerting.WaitForResolve - time.GetUtcNow();
                if (resolveLimit > TimeSpan.Zero)
                {
                    await WaitUntilAsync(() => gateway?.Settled != false && webhooks?.Settled != false, resolveLimit, null, observation, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
        }
        finally
        {
            if (faultId is not null)
            {
                // Ctrl+C, or any failure after injecting: the Lab must not be left faulted.
                clearedAt = await ClearAsync(faultId, plan, observation, CleanupTimeout, CancellationToken.None).ConfigureAwait(false);
            }

            await stopWatching.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(affected, comparison, polling).ConfigureAwait(false);
        }

        if (await comparison.ConfigureAwait(false) is { } comparisonFailure)
        {
            await ErrorLine.WriteAsync(error, $"warning: {plan.ComparisonCdn} could not be watched for comparison (no lag measured): {comparisonFailure}").ConfigureAwait(false);
        }

        var recoveredAt = observation.RecoveredAt;
        var recovered = observation.Recovered;
        var summary = new DrillSummary(
            plan,
            createdId,
            observation.FirstSymptom,
            bound,
            interrupted && recovered != true ? null : recovered,
            recovered == true && clearedAt is { } cleared && recoveredAt is { } at ? at - cleared : null,
            recoveryBound,
            interrupted,
            alerting is null ? null : Summarize(alerting, alertBound, gateway, webhooks, injectedAt, clearedAt, observation.TargetDuration ?? AssumedTargetDuration));
        output.Summary(summary);
        return summary.ExitCode;
    }

    private static AlertingSummary Summarize(
        DrillAlertingOptions alerting, DetectionBound? alertBound, GatewayObserver? gateway, WebhookObserver? webhooks,
        DateTimeOffset? injectedAt, DateTimeOffset? clearedAt, TimeSpan targetDuration)
    {
        TimeSpan? Since(DateTimeOffset? from, DateTimeOffset? at) => from is { } f && at is { } a ? a - f : null;
        return new AlertingSummary(
            gateway?.Address,
            webhooks is null ? null : alerting.WebhookListen,
            alertBound ?? DetectionBound.ForAlert(targetDuration, alerting.AlertFor),
            alerting.WaitForResolve,
            Since(injectedAt, gateway?.PendingAt),
            Since(injectedAt, gateway?.FiringAt),
            gateway?.FiringAlert,
            Since(injectedAt, gateway?.DegradedAt),
            gateway?.DegradedState,
            Since(clearedAt, gateway?.ResolvedAt),
            Since(clearedAt, gateway?.OperationalAt),
            Since(injectedAt, webhooks?.FiringAt),
            webhooks?.FiringAlert,
            webhooks?.Recommendation,
            Since(clearedAt, webhooks?.ResolvedAt),
            webhooks?.Received ?? 0,
            webhooks?.Rejected ?? 0,
            webhooks?.Duplicates ?? 0);
    }

    /// <summary>
    /// How long to watch for recovery after clearing: the next reload (at most one target duration), a request still in
    /// flight against the faulted edge (up to the request timeout), and two more target durations for fresh segments.
    /// </summary>
    public TimeSpan RecoveryBound(TimeSpan targetDuration) => (targetDuration * 3) + fetch.RequestTimeout;

    private async Task<DateTimeOffset?> ClearAsync(string faultId, DrillPlan plan, DrillObservation observation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var failure = await lab.DeleteAsync(faultId, timeout, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            await ErrorLine.WriteAsync(error, $"could not delete fault {faultId}: {failure}; it expires on its own {DurationSyntax.Format(FaultJson.ExpiryMargin)} after --for (or: curl -X DELETE {plan.Lab}lab/faults/{faultId})").ConfigureAwait(false);
            return null;
        }

        var at = time.GetUtcNow();
        observation.Cleared(at, $"cleared {faultId}");
        return at;
    }

    // Null when the watch ran (until stopped), else why the stream's playlist could not be fetched at all.
    private async Task<string?> WatchAsync(Uri url, string cdn, DrillObservation observation, CancellationToken cancellationToken)
    {
        try
        {
            // The drill stops the watches itself once it has its answer.
            return await new StreamWatcher(fetcher, fetch, time, observation.ReporterFor(cdn))
                .WatchAsync(url, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    // True once condition holds; false at the limit or when the watch it depends on ended without it.
    private async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan limit, Task? watch, DrillObservation observation, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while (true)
        {
            var changed = observation.Changed;
            if (condition())
            {
                return true;
            }

            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero || watch is { IsCompleted: true })
            {
                return false;
            }

            Task[] waits = watch is null ? [changed] : [changed, watch];
            try
            {
                await Task.WhenAny(waits).WaitAsync(remaining, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return condition();
            }
        }
    }

    /// <summary>The plan for <paramref name="request"/> on the Lab, or null with a reason listing what exists.</summary>
    internal static DrillPlan? Resolve(DrillRequest request, LabCatalog catalog, out string? problem)
    {
        problem = null;
        if (!catalog.Streams.TryGetValue(request.Stream, out var sources))
        {
            problem = $"the Lab at {request.Lab} has no stream '{request.Stream}'; streams: {List(catalog.Streams.Keys)}";
            return null;
        }

        if (!sources.TryGetValue(request.Cdn, out var watched))
        {
            problem = $"stream '{request.Stream}' is not on a CDN named '{request.Cdn}'; CDNs: {List(sources.Keys)}";
            return null;
        }

        if (request.Rendition is { } rendition && !catalog.Renditions.Contains(rendition, StringComparer.Ordinal))
        {
            problem = $"the Lab's streams have no rendition '{rendition}'; renditions: {List(catalog.Renditions)}";
            return null;
        }

        // Compare with the next CDN in the Lab's order, so the same drill always compares the same pair.
        var cdns = catalog.Cdns.Where(sources.ContainsKey).ToList();
        var comparisonCdn = cdns.Count > 1 ? cdns[(cdns.IndexOf(request.Cdn) + 1) % cdns.Count] : null;
        return new DrillPlan(
            request.Lab,
            request.Kind,
            request.Stream,
            request.Cdn,
            request.Rendition,
            request.For,
            request.Parameters,
            watched,
            comparisonCdn,
            comparisonCdn is null ? null : sources[comparisonCdn]);
    }

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));
}
