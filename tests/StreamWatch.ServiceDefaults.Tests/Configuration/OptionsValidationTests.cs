using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.ServiceDefaults.Tests.Configuration;

public sealed class OptionsValidationTests
{
    [Fact]
    public async Task AddValidatedOptions_InvalidSettings_FailStartNamingEverySettingAtFault()
    {
        using var host = Build(new()
        {
            ["Probe:StaleFactor"] = "0.5",
            ["Probe:Interval"] = "-00:00:01",
            ["Probe:Origin"] = "ftp://origin",
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(
            ["Probe:StaleFactor must be >= 1 (was 0.5)", "Probe:Interval must be a positive duration (was -00:00:01)", "Probe:Origin must be an absolute http or https URL (was 'ftp://origin')"],
            ex.Failures);
    }

    [Fact]
    public async Task AddValidatedOptions_ValidSettings_AreBoundWithTimeSpans()
    {
        using var host = Build(new() { ["Probe:StaleFactor"] = "1.5", ["Probe:Interval"] = "00:00:02", ["Probe:Origin"] = "http://origin" });

        await host.StartAsync(TestContext.Current.CancellationToken);

        var options = host.Services.GetRequiredService<IOptions<ProbeOptions>>().Value;
        Assert.Equal(1.5, options.StaleFactor);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Interval);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AddValidatedOptions_ValueThatDoesNotConvert_FailsNamingTheKey()
    {
        using var host = Build(new() { ["Probe:Interval"] = "soon" });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Probe:Interval", ex.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddValidatedOptions<ProbeOptions, ProbeOptionsValidator>(ProbeOptions.SectionName);
        return builder.Build();
    }

    private sealed class ProbeOptions
    {
        public const string SectionName = "Probe";

        public double StaleFactor { get; set; } = 1.5;

        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

        public string? Origin { get; set; } = "http://origin";
    }

    private sealed class ProbeOptionsValidator() : SettingsValidator<ProbeOptions>(ProbeOptions.SectionName)
    {
        protected override void Validate(ProbeOptions options, SettingErrors errors)
        {
            errors.AtLeast(nameof(options.StaleFactor), options.StaleFactor, 1.0);
            errors.Positive(nameof(options.Interval), options.Interval);
            errors.HttpUrl(nameof(options.Origin), options.Origin);
        }
    }
}
