using StreamWatch.Alerting.Rules;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// The state machine of one alert (one rule on one rendition, source or stream). Not thread-safe:
/// the engine serialises access.
/// </summary>
internal sealed class AlertTracker
{
    /// <summary>Summary of the stream-level alert attributed to the origin.</summary>
    public const string OriginSummary = "Every CDN of {stream} shows {rule}: the fault is upstream of the CDNs, at the origin or encoder";

    private DateTimeOffset? _clearSince;
    private int _goodInARow;
    private DateTimeOffset? _lastResolvedAt;

    // The last value that breached the condition: what a resolved alert's summary quotes (the clearing value says nothing).
    private double _breachedValue;

    public AlertTracker(RuleDefinition rule, int ruleIndex, StreamNode streamNode, string cdn, string rendition, string? attribution)
    {
        Rule = rule;
        RuleIndex = ruleIndex;
        StreamNode = streamNode;
        var stream = streamNode.Id;
        Stream = stream;
        Cdn = cdn;
        Rendition = rendition;
        Attribution = attribution;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in rule.Labels)
        {
            labels[key] = value;
        }

        labels["rule"] = rule.Name;
        labels["stream"] = stream;
        if (rule.Scope != RuleScope.Stream && attribution is null)
        {
            labels["cdn"] = cdn;
        }

        if (rule.Scope == RuleScope.Rendition && attribution is null)
        {
            labels["rendition"] = rendition;
        }

        if (attribution is not null)
        {
            labels["attribution"] = attribution;
        }

        Labels = labels;
        Fingerprint = AlertFingerprint.Compute(labels);
    }

    public RuleDefinition Rule { get; }

    /// <summary>Index of <see cref="Rule"/> in the engine's rule list.</summary>
    public int RuleIndex { get; }

    public StreamNode StreamNode { get; }

    public string Stream { get; }

    public string Cdn { get; }

    public string Rendition { get; }

    public string? Attribution { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public string Fingerprint { get; }

    public AlertLifecycleState State { get; private set; }

    public bool HasData { get; private set; }

    public bool Breached { get; private set; }

    public double Value { get; private set; }

    /// <summary>Target duration to quote in the summary.</summary>
    public TimeSpan TargetDuration { get; set; }

    public DateTimeOffset? ActiveSince { get; private set; }

    public DateTimeOffset? StartsAt { get; private set; }

    public DateTimeOffset? EndsAt { get; private set; }

    /// <summary>When the alert last left pending or firing; null if it never did.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool Flapping { get; private set; }

    public int FlapCount { get; private set; }

    public Acknowledgement? Acknowledgement { get; set; }

    public string? IncidentId { get; set; }

    public NotificationSuppression Suppression { get; set; }

    /// <summary>The rendition of a rendition-scope alert (evidence comes from its last reports); else null.</summary>
    public RenditionNode? RenditionNode { get; set; }

    /// <summary>The source of a source-scope alert; else null.</summary>
    public SourceNode? SourceNode { get; set; }

    /// <summary>Takes in a fresh evaluation of the condition; <see cref="Advance"/> applies it.</summary>
    public void Record(Observation observation, DateTimeOffset now)
    {
        if (!observation.HasData)
        {
            return;
        }

        HasData = true;
        Breached = observation.Breached;
        Value = observation.Value;
        if (observation.Breached)
        {
            _breachedValue = observation.Value;
            _clearSince = null;
            _goodInARow = 0;
        }
        else
        {
            _clearSince ??= now;
            _goodInARow++;
        }
    }

    /// <summary>Moves the state machine to <paramref name="now"/>; idempotent for a given time and data.</summary>
    /// <param name="now">The engine clock.</param>
    /// <param name="flapWindow">The engine's flap damping window; zero disables damping.</param>
    /// <param name="passed">The states passed through, oldest first: up to two (inactive → pending → firing when <c>for</c> is zero).</param>
    /// <returns>The number of transitions written to <paramref name="passed"/>.</returns>
    public int Advance(DateTimeOffset now, TimeSpan flapWindow, Span<AlertLifecycleState> passed)
    {
        if (!HasData)
        {
            return 0;
        }

        switch (State)
        {
            case AlertLifecycleState.Inactive or AlertLifecycleState.Resolved:
                if (!Breached)
                {
                    return 0;
                }

                passed[0] = State;
                State = AlertLifecycleState.Pending;
                ActiveSince = now;
                StartsAt = null;
                EndsAt = null;
                if (Rule.For > TimeSpan.Zero)
                {
                    return 1;
                }

                passed[1] = AlertLifecycleState.Pending;
                Fire(now, flapWindow);
                return 2;

            case AlertLifecycleState.Pending:
                if (!Breached)
                {
                    passed[0] = State;
                    State = AlertLifecycleState.Inactive;
                    ActiveSince = null;
                    DeactivatedAt = now;
                    Acknowledgement = null;
                    return 1;
                }

                if (now - ActiveSince!.Value < Rule.For)
                {
                    return 0;
                }

                passed[0] = State;
                Fire(now, flapWindow);
                return 1;

            case AlertLifecycleState.Firing:
                if (Breached || _clearSince is not { } clearSince)
                {
                    return 0;
                }

                // Hysteresis: clear for clearFor and for N evaluations in a row; a flapping alert
                // must stay clear for the whole flap window, so it stops paging on every bounce.
                var clearFor = Flapping && flapWindow > Rule.ClearFor ? flapWindow : Rule.ClearFor;
                if (now - clearSince < clearFor || _goodInARow < Rule.ClearAfterReports)
                {
                    return 0;
                }

                passed[0] = State;
                State = AlertLifecycleState.Resolved;
                EndsAt = now;
                DeactivatedAt = now;
                _lastResolvedAt = now;
                Acknowledgement = null;
                return 1;

            default:
                return 0;
        }
    }

    /// <summary>
    /// Puts the alert back into the firing state it had when it was stored (restart, or another
    /// replica's alert adopted). The clear-tracking (clear since, good reports in a row) is kept, so
    /// an alert whose condition is already clear here resolves after its <c>clearFor</c>.
    /// </summary>
    public void Revive(Alert stored)
    {
        State = AlertLifecycleState.Firing;
        ActiveSince = stored.ActiveSince ?? stored.StartsAt;
        StartsAt = stored.StartsAt;
        EndsAt = null;
        Flapping = stored.Flapping;
        FlapCount = stored.FlapCount;
        Acknowledgement = stored.Acknowledgement;
        Suppression = stored.Suppression;
        Value = stored.Value;
        _breachedValue = stored.Value;
    }

    private void Fire(DateTimeOffset now, TimeSpan flapWindow)
    {
        State = AlertLifecycleState.Firing;
        StartsAt = now;
        EndsAt = null;
        if (_lastResolvedAt is { } resolvedAt && flapWindow > TimeSpan.Zero && now - resolvedAt <= flapWindow)
        {
            Flapping = true;
            FlapCount++;
        }
        else
        {
            Flapping = false;
            FlapCount = 0;
        }
    }

    public Alert Snapshot()
    {
        var threshold = Rule.Threshold;
        var origin = OriginAttribution.Describe(this);
        var template = origin.Template ?? (Attribution is null ? Rule.Summary : OriginSummary);
        return new Alert
        {
            Fingerprint = Fingerprint,
            Rule = Rule.Name,
            Severity = Rule.Severity,
            State = State,
            Stream = Stream,
            Cdn = Attribution is null ? Cdn : string.Empty,
            Rendition = Attribution is null ? Rendition : string.Empty,
            Labels = Labels,
            ActiveSince = ActiveSince,
            StartsAt = StartsAt,
            EndsAt = EndsAt,
            Summary = State == AlertLifecycleState.Resolved && StartsAt is { } firedAt && EndsAt is { } endedAt
                ? SummaryTemplate.Resolved(SummaryTemplate.Render(template, Labels, _breachedValue, threshold, TargetDuration, Rule.Window), endedAt - firedAt)
                : SummaryTemplate.Render(template, Labels, Value, threshold, TargetDuration, Rule.Window),
            Value = Value,
            Flapping = Flapping,
            FlapCount = FlapCount,
            Acknowledgement = Acknowledgement,
            IncidentId = IncidentId,
            Attribution = origin.Attribution,
            OriginState = origin.OriginState,
            Suppression = Suppression,
            Evidence = EvidenceCollector.Collect(this),
        };
    }
}
