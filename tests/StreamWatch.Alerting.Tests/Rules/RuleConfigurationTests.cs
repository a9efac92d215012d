using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Rules;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Tests.Rules;

public sealed class RuleConfigurationTests
{
    [Fact]
    public void NoConfiguration_EveryBuiltInRuleIsInForce()
    {
        using var host = ConfiguredHost.Build([]);
        var rules = host.Services.GetRequiredService<IAlertEngine>().Rules;

        Assert.Equal(Enum.GetValues<RuleKind>().Length, rules.Count);
        Assert.All(rules, r => Assert.True(r.Enabled));
        var stale = Assert.Single(rules, r => r.Name == "ManifestStale");
        Assert.Equal(1.5, stale.Threshold);
        Assert.Equal(AlertSeverity.Critical, stale.Severity);
    }

    [Fact]
    public void RulesSection_OverridesThresholdForSeverityAndLabelsOfABuiltInRule()
    {
        using var host = ConfiguredHost.Build(new()
        {
            ["Rules:0:Name"] = "liveLatencyHigh",
            ["Rules:0:Threshold"] = "10",
            ["Rules:0:For"] = "00:00:05",
            ["Rules:0:Severity"] = "critical",
            ["Rules:0:Labels:team"] = "video",
        });
        var rule = Assert.Single(host.Services.GetRequiredService<IAlertEngine>().Rules, r => r.Kind == RuleKind.LiveLatencyHigh);

        Assert.Equal("LiveLatencyHigh", rule.Name);
        Assert.Equal(10, rule.Threshold);
        Assert.Equal(TimeSpan.FromSeconds(5), rule.For);
        Assert.Equal(AlertSeverity.Critical, rule.Severity);
        Assert.Equal("video", rule.Labels["team"]);
        Assert.Equal(TimeSpan.FromMinutes(1), rule.ClearFor);
    }

    [Fact]
    public void ConfiguredThresholdAndFor_DecideWhenTheAlertFires()
    {
        using var harness = new EngineHarness(rules => rules.Rules.Add(new RuleSettings { Name = "LiveLatencyHigh", Threshold = 10, For = TimeSpan.FromSeconds(5) }));
        harness.Poll("cdn-a", latency: 15);
        harness.Advance(5);
        harness.Poll("cdn-a", latency: 15);

        Assert.Equal(AlertLifecycleState.Firing, harness.AlertOf("LiveLatencyHigh", "cdn-a")!.State);
    }

    [Fact]
    public void RuleOfABuiltInKindUnderANewName_IsAddedAlongsideTheBuiltIn()
    {
        using var harness = new EngineHarness(rules => rules.Rules.Add(new RuleSettings
        {
            Name = "LiveLatencyExtreme",
            Kind = RuleKind.LiveLatencyHigh,
            Threshold = 60,
            For = TimeSpan.Zero,
            Summary = "{cdn} is {value} s behind live",
        }));
        harness.Poll("cdn-a", latency: 90);

        var extreme = harness.AlertOf("LiveLatencyExtreme", "cdn-a")!;
        Assert.Equal(AlertLifecycleState.Firing, extreme.State);
        Assert.Equal("cdn-a is 90 s behind live", extreme.Summary);
        Assert.Equal(AlertLifecycleState.Pending, harness.AlertOf("LiveLatencyHigh", "cdn-a")!.State);
    }

    [Fact]
    public void DisabledRule_NeverRaisesAnAlert()
    {
        using var harness = new EngineHarness(rules => rules.Rules.Add(new RuleSettings { Name = "LiveLatencyHigh", Enabled = false }));
        harness.Poll("cdn-a", latency: 90);
        harness.Advance(60);
        harness.Poll("cdn-a", latency: 90);

        Assert.Null(harness.AlertOf("LiveLatencyHigh", "cdn-a"));
    }

    [Fact]
    public void InvalidRuleConfiguration_FailsStartNamingEverySettingAtFault()
    {
        using var host = ConfiguredHost.Build(new()
        {
            ["Rules:0:Name"] = "ManifestStale",
            ["Rules:0:For"] = "-00:00:05",
            ["Rules:0:Threshold"] = "-1",
            ["Rules:1:Name"] = "MyRule",
            ["Rules:2:Name"] = "SegmentErrorsHigh",
            ["Rules:2:Window"] = "00:00:00",
            ["Rules:2:ClearAfterReports"] = "0",
            ["Rules:2:Labels:cdn"] = "x",
            ["Rules:3:Name"] = "ManifestUnavailable",
            ["Rules:3:Threshold"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AlertRulesOptions>>().Value);

        Assert.Contains("Rules:0:For must be >= 00:00:00 (was -00:00:05)", error.Failures);
        Assert.Contains("Rules:0:Threshold must be a finite number >= 0 (was -1)", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("Rules:1:Kind is required for a rule that is not built in", StringComparison.Ordinal));
        Assert.Contains("Rules:2:Window must be a positive duration (was 00:00:00)", error.Failures);
        Assert.Contains("Rules:2:ClearAfterReports must be >= 1 (was 0)", error.Failures);
        Assert.Contains("Rules:2:Labels:cdn is set by the engine and cannot be configured", error.Failures);
        Assert.Contains("Rules:3:Threshold must be a count >= 1 (was 0)", error.Failures);
        Assert.Equal(7, error.Failures.Count());
    }

    [Fact]
    public void InvalidAlertingSettings_FailValidationNamingTheSetting()
    {
        using var host = ConfiguredHost.Build(new() { ["Alerting:EvaluationInterval"] = "00:00:00" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AlertingOptions>>().Value);

        Assert.Contains("Alerting:EvaluationInterval must be a positive duration (was 00:00:00)", error.Failures);
    }
}
