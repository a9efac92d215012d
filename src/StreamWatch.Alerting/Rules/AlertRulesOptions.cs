namespace StreamWatch.Alerting.Rules;

/// <summary>The <c>rules:</c> section of the configuration file: overrides of and additions to <see cref="BuiltInRules"/>.</summary>
public sealed class AlertRulesOptions
{
    /// <summary>The configuration section: <c>Rules</c> (a sequence at the root of the file).</summary>
    public const string SectionName = "Rules";

    /// <summary>The configured rules, in file order; empty means the built-in rules as they are.</summary>
    public IList<RuleSettings> Rules { get; } = [];
}
