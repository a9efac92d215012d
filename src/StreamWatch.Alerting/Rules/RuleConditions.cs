using StreamWatch.Alerting.Health;

namespace StreamWatch.Alerting.Rules;

/// <summary>Evaluates rendition-scope conditions from <see cref="RenditionStats"/>; allocation-free.</summary>
internal static class RuleConditions
{
    public static Observation Evaluate(RuleDefinition rule, RenditionStats stats, DateTimeOffset now)
    {
        var td = stats.TargetDuration.TotalSeconds;
        switch (rule.Kind)
        {
            case RuleKind.ManifestUnavailable:
                return stats.HasManifest
                    ? Observation.Of(stats.ConsecutiveManifestFailures, stats.ConsecutiveManifestFailures >= rule.Threshold)
                    : Observation.NoData;

            case RuleKind.ManifestStale:
            {
                // A failed poll says nothing about staleness; ManifestUnavailable covers it.
                if (!stats.HasManifest || stats.LastPollFailed || td <= 0)
                {
                    return Observation.NoData;
                }

                var age = stats.PlaylistAge.TotalSeconds;
                return Observation.Of(age, age > rule.Threshold * td);
            }

            case RuleKind.SegmentErrorsHigh:
            {
                var errors = stats.SegmentFailures.Aggregate(now - rule.Window);
                return errors.Count < BuiltInRules.MinimumSegments
                    ? Observation.NoData
                    : Observation.Of(errors.Mean, errors.Mean > rule.Threshold);
            }

            case RuleKind.SegmentSlow:
            {
                var load = stats.SegmentLoad.Aggregate(now - rule.Window);
                return load.Count == 0 ? Observation.NoData : Observation.Of(load.Mean, load.Mean > rule.Threshold);
            }

            case RuleKind.SequenceError:
                return !stats.HasManifest || stats.LastPollFailed
                    ? Observation.NoData
                    : Observation.Of(stats.ContinuityErrors, stats.ContinuityErrors >= rule.Threshold);

            case RuleKind.LiveLatencyHigh:
                return stats.LastPollFailed || stats.LiveEdgeLatency is not { } latency
                    ? Observation.NoData
                    : Observation.Of(latency.TotalSeconds, latency.TotalSeconds > rule.Threshold);

            case RuleKind.CdnBehind:
            {
                if (stats.LastPollFailed || stats.CdnSkew is not { } skew || td <= 0)
                {
                    return Observation.NoData;
                }

                var segmentsBehind = skew.TotalSeconds / td;
                return Observation.Of(segmentsBehind, segmentsBehind >= rule.Threshold);
            }

            default:
                return Observation.NoData;
        }
    }
}
