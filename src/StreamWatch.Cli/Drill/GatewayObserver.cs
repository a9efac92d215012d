namespace StreamWatch.Cli.Drill;

/// <summary>
/// Polls the gateway every <see cref="PollInterval"/> for the whole drill and turns what changes into timeline lines:
/// alerts of the drilled stream going pending, firing and away, the stream's and its CDNs' status states. Keeps the
/// facts the summary needs (first firing of an alert on the faulted target after injection, and so on).
/// Alerts already active before injection are shown in the baseline and not counted: they are not this drill's.
/// </summary>
internal sealed class GatewayObserver(GatewayClient client, DrillPlan plan, DrillObservation observation, TimeProvider time)
{
    /// <summary>How often the gateway is polled: 250 ms, so observed times are at most that late.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private const string Operational = "operational";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, GatewayAlert> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _cdnStates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _preexisting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _countedFiring = new(StringComparer.Ordinal);
    private string? _failure;
    private bool _baselineTaken;
    private GatewayStatus? _status;

    /// <summary>The gateway's address.</summary>
    public Uri Address => client.Address;

    /// <summary>True once one poll succeeded.</summary>
    public bool Answered { get; private set; }

    /// <summary>Why the last poll failed; null when it succeeded.</summary>
    public string? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <summary>When a targeted alert was first seen pending after injection.</summary>
    public DateTimeOffset? PendingAt { get; private set; }

    /// <summary>When a targeted alert was first seen firing after injection.</summary>
    public DateTimeOffset? FiringAt { get; private set; }

    /// <summary>That alert.</summary>
    public GatewayAlert? FiringAlert { get; private set; }

    /// <summary>When every targeted alert that fired after injection was gone again; null while one is still active.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>When the stream's status state first left operational after injection.</summary>
    public DateTimeOffset? DegradedAt { get; private set; }

    /// <summary>The state it went to (<c>degraded</c>, <c>outage</c>…).</summary>
    public string? DegradedState { get; private set; }

    /// <summary>When the stream's status state was operational again after <see cref="DegradedAt"/>.</summary>
    public DateTimeOffset? OperationalAt { get; private set; }

    /// <summary>True when every counted alert is gone and the status is operational again (or never left it).</summary>
    public bool Settled
    {
        get
        {
            lock (_gate)
            {
                return FiringAt is not null && ResolvedAt is not null && (DegradedAt is null || OperationalAt is not null);
            }
        }
    }

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var poll = await client.PollAsync(plan.Stream, cancellationToken).ConfigureAwait(false);
                Apply(poll, time.GetUtcNow());
                await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Records the gateway's view before injection as a timeline line; returns a warning for stderr when it is not a clean
    /// start (the stream is unknown to the status API, or alerts for the target are already active).
    /// </summary>
    public string? Baseline(DateTimeOffset at)
    {
        lock (_gate)
        {
            _baselineTaken = true;
            var targeted = _active.Values.Where(IsTarget).ToArray();
            foreach (var alert in targeted)
            {
                _preexisting.Add(alert.Key);
            }

            string detail;
            string? warning = null;
            if (_status is not { Found: true } status)
            {
                var streams = _status?.Streams ?? [];
                detail = $"the status lists no stream '{plan.Stream}' (streams: {(streams.Count == 0 ? "none" : string.Join(", ", streams))}); alerts are matched on the stream id";
                warning = $"warning: the gateway at {client.Address} has no stream '{plan.Stream}' on GET /api/v1/status (streams: {(streams.Count == 0 ? "none" : string.Join(", ", streams))}): is StreamWatch monitoring this Lab stream under that id?";
            }
            else
            {
                var cdns = status.CdnStates.Count == 0 ? string.Empty : $" ({string.Join(", ", status.CdnStates.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))})";
                detail = $"{plan.Stream} {status.State ?? "(no state)"}{cdns}";
            }

            if (targeted.Length == 0)
            {
                detail += $"; no active alerts for {plan.Cdn}/{plan.Stream}";
            }
            else
            {
                var list = string.Join("; ", targeted.Select(a => $"{a.Describe()} [{a.State}]"));
                detail += $"; already active, not counted: {list}";
                warning ??= $"warning: alerts for {plan.Cdn}/{plan.Stream} are already active on the gateway before injection (not counted; a previous drill's alert may still be resolving): {list}";
            }

            observation.Record(at, DrillEventKind.GatewayBaseline, null, null, detail, true, new DrillEventFacts(State: _status?.State));
            return warning;
        }
    }

    /// <summary>Applies one poll observed at <paramref name="at"/>.</summary>
    internal void Apply(GatewayPoll poll, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (poll.Failure is { } failure)
            {
                if (!string.Equals(failure, _failure, StringComparison.Ordinal))
                {
                    _failure = failure;
                    if (_baselineTaken)
                    {
                        observation.Record(at, DrillEventKind.GatewayError, null, null, "gateway poll failed: " + failure, false, null);
                    }
                }

                return;
            }

            _failure = null;
            Answered = true;
            var status = poll.Status!;
            var current = Current(status, poll.Firing!);
            if (_baselineTaken)
            {
                Diff(current, status, at);
            }

            _active.Clear();
            foreach (var (key, alert) in current)
            {
                _active[key] = alert;
            }

            _status = status;
            _cdnStates.Clear();
            foreach (var (cdn, state) in status.CdnStates)
            {
                _cdnStates[cdn] = state;
            }
        }
    }

    // The drilled stream's active alerts: the firing list wins over the status's copy of the same alert.
    private Dictionary<string, GatewayAlert> Current(GatewayStatus status, IReadOnlyList<GatewayAlert> firing)
    {
        var current = new Dictionary<string, GatewayAlert>(StringComparer.Ordinal);
        foreach (var alert in status.Alerts)
        {
            if (alert.State is not "resolved" && string.Equals(alert.Stream, plan.Stream, StringComparison.Ordinal))
            {
                current[alert.Key] = alert with { State = alert.State ?? "firing" };
            }
        }

        foreach (var alert in firing)
        {
            if (string.Equals(alert.Stream, plan.Stream, StringComparison.Ordinal))
            {
                current[alert.Key] = alert with { State = "firing" };
            }
        }

        return current;
    }

    private void Diff(Dictionary<string, GatewayAlert> current, GatewayStatus status, DateTimeOffset at)
    {
        var injected = observation.InjectedAt is { } injectedAt && at >= injectedAt;
        foreach (var (key, alert) in current)
        {
            if (_active.TryGetValue(key, out var previous) && previous.State == alert.State)
            {
                continue;
            }

            var targeted = IsTarget(alert);
            var counted = targeted && injected && !_preexisting.Contains(key);
            var pending = alert.State == "pending";
            observation.Record(
                at,
                pending ? DrillEventKind.AlertPending : DrillEventKind.AlertFiring,
                alert.Cdn,
                alert.Rendition,
                $"alert {alert.State}: {alert.Describe()}{(targeted && injected && !counted ? " (active before injection: not counted)" : string.Empty)}",
                targeted,
                new DrillEventFacts(Rule: alert.Rule, Fingerprint: alert.Fingerprint, State: alert.State));
            if (!counted)
            {
                continue;
            }

            if (pending)
            {
                PendingAt ??= at;
            }
            else
            {
                FiringAt ??= at;
                FiringAlert ??= alert;
                _countedFiring.Add(key);
                ResolvedAt = null;
            }
        }

        foreach (var (key, previous) in _active)
        {
            if (current.ContainsKey(key))
            {
                continue;
            }

            var detail = previous.State == "pending"
                ? $"alert no longer pending (never fired): {previous.Describe()}"
                : $"alert resolved: {previous.Describe()}";
            observation.Record(at, DrillEventKind.AlertResolved, previous.Cdn, previous.Rendition, detail, IsTarget(previous),
                new DrillEventFacts(Rule: previous.Rule, Fingerprint: previous.Fingerprint, State: "resolved", PreviousState: previous.State));
            _preexisting.Remove(key);
            if (_countedFiring.Remove(key) && _countedFiring.Count == 0)
            {
                ResolvedAt = at;
            }
        }

        if (status.Found && _status is { Found: true } before && !string.Equals(before.State, status.State, StringComparison.Ordinal))
        {
            observation.Record(at, DrillEventKind.StatusChanged, null, null, $"status: {plan.Stream} {before.State ?? "(none)"} -> {status.State ?? "(none)"}", true,
                new DrillEventFacts(State: status.State, PreviousState: before.State));
            if (injected && status.State is not null && status.State != Operational && DegradedAt is null)
            {
                DegradedAt = at;
                DegradedState = status.State;
            }
            else if (status.State == Operational && DegradedAt is not null)
            {
                OperationalAt = at;
            }
            else if (status.State != Operational && OperationalAt is not null)
            {
                // Degraded again after it had recovered: "back to operational" must be seen anew.
                OperationalAt = null;
            }
        }

        foreach (var (cdn, state) in status.CdnStates)
        {
            if (_cdnStates.TryGetValue(cdn, out var was) && !string.Equals(was, state, StringComparison.Ordinal))
            {
                observation.Record(at, DrillEventKind.StatusChanged, cdn, null, $"status: {plan.Stream} on {cdn} {was} -> {state}", cdn == plan.Cdn,
                    new DrillEventFacts(State: state, PreviousState: was));
            }
        }
    }

    // The faulted CDN of the drilled stream, or the whole stream (an origin/stream-wide alert has no CDN).
    private bool IsTarget(GatewayAlert alert)
        => string.Equals(alert.Stream, plan.Stream, StringComparison.Ordinal) && (string.IsNullOrEmpty(alert.Cdn) || alert.Cdn == plan.Cdn);
}
