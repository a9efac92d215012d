using StreamWatch.Contracts.V1;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Alerting.Rules;

/// <summary>Validates the <c>rules:</c> section, naming each setting at fault, e.g. <c>Rules:0:For</c>.</summary>
public sealed class AlertRulesValidator() : SettingsValidator<AlertRulesOptions>(AlertRulesOptions.SectionName)
{
    /// <summary>Label names the engine sets itself.</summary>
    public static readonly IReadOnlyList<string> ReservedLabels = ["rule", "stream", "cdn", "rendition", "attribution"];

    /// <inheritdoc />
    protected override void Validate(AlertRulesOptions options, SettingErrors errors)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var at = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                errors.Required($"{at}:Name", rule.Name);
                continue;
            }

            if (!seen.Add(rule.Name))
            {
                errors.Add($"{at}:Name", "names a rule configured twice", rule.Name);
            }

            var builtIn = BuiltInRules.Find(rule.Name);
            if (builtIn is null && rule.Kind is null)
            {
                errors.Add($"{at}:Kind", "is required for a rule that is not built in (built-in: ManifestUnavailable, ManifestStale, SegmentErrorsHigh, SegmentSlow, SequenceError, LiveLatencyHigh, CdnBehind, StreamDown, ProbeSilent)");
            }
            else if (builtIn is not null && rule.Kind is { } kind && kind != builtIn.Kind)
            {
                errors.Add($"{at}:Kind", $"must be {builtIn.Kind} for the built-in rule {builtIn.Name}", kind);
            }

            var effectiveKind = rule.Kind ?? builtIn?.Kind;
            if (rule.Threshold is { } threshold)
            {
                if (!double.IsFinite(threshold) || threshold < 0)
                {
                    errors.Add($"{at}:Threshold", "must be a finite number >= 0", threshold);
                }
                else if (effectiveKind == RuleKind.SegmentErrorsHigh && threshold >= 1)
                {
                    errors.Add($"{at}:Threshold", "must be a ratio below 1", threshold);
                }
                else if (effectiveKind is RuleKind.ManifestUnavailable or RuleKind.SequenceError && threshold < 1)
                {
                    errors.Add($"{at}:Threshold", "must be a count >= 1", threshold);
                }
                else if (effectiveKind is RuleKind.ManifestStale or RuleKind.CdnBehind or RuleKind.ProbeSilent && threshold == 0)
                {
                    errors.Add($"{at}:Threshold", "must be more than 0 target durations", threshold);
                }
            }

            if (rule.Window is { } window)
            {
                errors.Positive($"{at}:Window", window);
            }

            if (rule.For is { } pending)
            {
                errors.AtLeast($"{at}:For", pending, TimeSpan.Zero);
            }

            if (rule.ClearFor is { } clearFor)
            {
                errors.AtLeast($"{at}:ClearFor", clearFor, TimeSpan.Zero);
            }

            if (rule.ClearAfterReports is { } reports)
            {
                errors.AtLeast($"{at}:ClearAfterReports", reports, 1);
            }

            if (rule.Severity == AlertSeverity.Unspecified)
            {
                errors.Add($"{at}:Severity", "must be info, warning or critical", rule.Severity);
            }

            if (rule.Summary is not null && string.IsNullOrWhiteSpace(rule.Summary))
            {
                errors.Add($"{at}:Summary", "must not be blank");
            }

            foreach (var key in rule.Labels.Keys)
            {
                if (ReservedLabels.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"{at}:Labels:{key}", "is set by the engine and cannot be configured");
                }
            }
        }
    }
}
