using StreamWatch.Alerting.Rules;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>Bringing stored state back into the engine (<see cref="IAlertStateRestore"/>).</summary>
internal sealed partial class AlertEngine
{
    public IReadOnlyList<string> GetStreamIds()
    {
        lock (_gate)
        {
            return [.. _streams.Keys];
        }
    }

    public void Adopt(string stream, IReadOnlyList<Alert> stored, Incident? openIncident)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(stored);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var node = GetOrAddStream(stream);
            var incidentBefore = node.OpenIncident;
            bool incidentStored;
            if (openIncident is not null && !string.Equals(node.OpenIncident?.Id, openIncident.Id, StringComparison.Ordinal))
            {
                // The stored incident is the one receivers and the status API have seen: keep its id.
                node.OpenIncident = openIncident with { ClosedAt = null };
                foreach (var tracker in _trackers)
                {
                    if (tracker.StreamNode == node && tracker.State == AlertLifecycleState.Firing)
                    {
                        tracker.IncidentId = openIncident.Id;
                    }
                }
            }

            incidentStored = openIncident is not null;
            var storedFiring = new HashSet<string>(StringComparer.Ordinal);
            foreach (var alert in stored)
            {
                if (alert.State != AlertLifecycleState.Firing)
                {
                    continue;
                }

                storedFiring.Add(alert.Fingerprint);
                var tracker = _alerts.TryGetValue(alert.Fingerprint, out var known) ? known : Recreate(node, alert, now);
                if (tracker is null)
                {
                    Log.AlertNotRestored(_logger, alert.Fingerprint, alert.Rule, stream);
                    continue;
                }

                if (tracker.State == AlertLifecycleState.Firing)
                {
                    // Both firing: the stored notification state decides, so the resolution is
                    // notified exactly when the stored firing was.
                    tracker.Suppression = alert.Suppression;
                    tracker.Acknowledgement ??= alert.Acknowledgement;
                    continue;
                }

                tracker.Revive(alert);
                node.Firing++;
                _metrics.AdjustFiring(tracker.Rule.Name, tracker.Rule.Severity, +1);
                if (node.OpenIncident is null)
                {
                    node.OpenIncident = new Incident(alert.IncidentId ?? Guid.CreateVersion7(now).ToString("N"), stream, alert.StartsAt ?? now, ClosedAt: null);
                    incidentStored = alert.IncidentId is not null;
                }

                tracker.IncidentId = node.OpenIncident.Id;
                Log.AlertRestored(_logger, alert.Fingerprint, alert.Rule, stream);
            }

            // Firing here but not in the store (another replica never committed it, or it fired
            // here while this replica did not own the stream): announce it so the store commits it.
            for (var i = 0; i < _trackers.Count; i++)
            {
                var tracker = _trackers[i];
                if (tracker.StreamNode != node || tracker.State != AlertLifecycleState.Firing || storedFiring.Contains(tracker.Fingerprint))
                {
                    continue;
                }

                if (!incidentStored && node.OpenIncident is { } incident)
                {
                    incidentStored = true;
                    Publish(incident);
                }

                Publish(tracker, AlertLifecycleState.Pending, AlertLifecycleState.Firing, now, tracker.Snapshot(), tracker.Suppression);
            }

            // Consumers that group by incident (the status API) learn of an incident restored here;
            // the store rewrites it unchanged.
            if (node.OpenIncident is { } restored && !ReferenceEquals(restored, incidentBefore))
            {
                Publish(restored);
            }
        }
    }

    public bool ApplyAcknowledgement(string fingerprint, Acknowledgement acknowledgement)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(acknowledgement);
        lock (_gate)
        {
            if (!_alerts.TryGetValue(fingerprint, out var tracker)
                || tracker.State is not (AlertLifecycleState.Pending or AlertLifecycleState.Firing)
                || tracker.Acknowledgement == acknowledgement)
            {
                return false;
            }

            tracker.Acknowledgement = acknowledgement;
            return true;
        }
    }

    public void SyncSilences(IReadOnlyList<Silence> silences, IReadOnlyCollection<string> removed)
    {
        ArgumentNullException.ThrowIfNull(silences);
        ArgumentNullException.ThrowIfNull(removed);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var silence in silences)
            {
                if (silence.EndsAt > now && !removed.Contains(silence.Id) && IndexOfSilence(silence.Id) < 0)
                {
                    _silences.Add(silence);
                }
            }

            foreach (var id in removed)
            {
                var index = IndexOfSilence(id);
                if (index >= 0)
                {
                    _silences.RemoveAt(index);
                }
            }
        }
    }

    private int IndexOfSilence(string id)
    {
        for (var i = 0; i < _silences.Count; i++)
        {
            if (string.Equals(_silences[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The tracker a stored alert belongs to, created where the engine would have created it; null when its rule is gone or its labels changed.</summary>
    private AlertTracker? Recreate(StreamNode stream, Alert alert, DateTimeOffset now)
    {
        var index = -1;
        for (var i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].Enabled && string.Equals(_rules[i].Name, alert.Rule, StringComparison.Ordinal))
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return null;
        }

        var rule = _rules[index];
        AlertTracker?[] slots;
        AlertTracker candidate;
        // The origin alert is told by its attribution label (part of its identity); a CDN alert's attribution is not one.
        if (alert.Labels.TryGetValue("attribution", out var attribution))
        {
            slots = stream.OriginTrackers;
            candidate = new AlertTracker(rule, index, stream, string.Empty, string.Empty, attribution);
        }
        else if (rule.Scope == RuleScope.Stream)
        {
            slots = stream.Trackers;
            candidate = new AlertTracker(rule, index, stream, string.Empty, string.Empty, attribution: null);
        }
        else
        {
            var source = GetOrAddSource(stream, alert.Cdn, now);
            if (rule.Scope == RuleScope.Source)
            {
                slots = source.Trackers;
            }
            else
            {
                var rendition = source.GetOrAddRendition(alert.Rendition, _rules.Length);
                slots = rendition.Trackers;
            }

            candidate = new AlertTracker(rule, index, stream, alert.Cdn, alert.Rendition, attribution: null);
        }

        if (!string.Equals(candidate.Fingerprint, alert.Fingerprint, StringComparison.Ordinal) || slots[index] is not null)
        {
            return null;
        }

        return slots[index] = Track(candidate);
    }
}
