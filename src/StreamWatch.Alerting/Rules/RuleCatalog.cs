namespace StreamWatch.Alerting.Rules;

/// <summary>Applies the <c>rules:</c> section to the built-in rules.</summary>
public static class RuleCatalog
{
    /// <summary>
    /// The built-in rules with each configured item applied to the rule of the same name, followed
    /// by the configured rules that are not built in. Expects options that passed <see cref="AlertRulesValidator"/>.
    /// </summary>
    public static IReadOnlyList<RuleDefinition> Build(AlertRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = new List<RuleDefinition>(BuiltInRules.All);
        foreach (var settings in options.Rules)
        {
            var index = rules.FindIndex(r => string.Equals(r.Name, settings.Name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                rules[index] = Apply(rules[index], settings);
                continue;
            }

            var kind = settings.Kind ?? throw new InvalidOperationException($"Rule '{settings.Name}' is not built in and has no Kind.");
            rules.Add(Apply(BuiltInRules.Of(kind) with { Name = settings.Name! }, settings));
        }

        return rules;
    }

    private static RuleDefinition Apply(RuleDefinition rule, RuleSettings settings)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in rule.Labels)
        {
            labels[key] = value;
        }

        foreach (var (key, value) in settings.Labels)
        {
            labels[key] = value;
        }

        return rule with
        {
            Enabled = settings.Enabled ?? rule.Enabled,
            Threshold = settings.Threshold ?? rule.Threshold,
            Window = settings.Window ?? rule.Window,
            For = settings.For ?? rule.For,
            ClearFor = settings.ClearFor ?? rule.ClearFor,
            ClearAfterReports = settings.ClearAfterReports ?? rule.ClearAfterReports,
            Severity = settings.Severity ?? rule.Severity,
            Labels = labels,
            Summary = settings.Summary ?? rule.Summary,
        };
    }
}
