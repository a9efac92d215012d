using Microsoft.Extensions.Options;
using StreamWatch.Testing.Time;

namespace StreamWatch.Probe.Tests.Targets;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task InvalidConfiguration_FailsStartup_NamingEverySettingAtFault()
    {
        await using var probe = ProbeRig.BuildProbe(new ManualTimeProvider(ProbeRig.Start),
        [
            "--urls", "http://127.0.0.1:0",
            "--Streams:0:Id=Final_Hindi",
            "--Streams:0:Sources:0:Cdn=cdn-a",
            "--Streams:0:Sources:0:Url=not a url",
            "--Streams:1:Id=final-tamil",
            "--Streams:1:Sources:0:Cdn=cdn-a",
            "--Streams:1:Sources:0:Url=http://a.example/final-tamil/master.m3u8",
            "--Streams:2:Id=final-tamil",
            "--Streams:2:Sources:0:Cdn=cdn-a",
            "--Streams:2:Sources:0:Url=http://a.example/x/master.m3u8",
        ]);

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => probe.StartAsync(TestContext.Current.CancellationToken));

        var messages = string.Join('\n', error.Failures);
        Assert.Contains("Streams:0:Id", messages, StringComparison.Ordinal);
        Assert.Contains("Streams:0:Sources:0:Url", messages, StringComparison.Ordinal);
        Assert.Contains("Streams:2:Id duplicates", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidProbeSettings_FailStartup_NamingTheSetting()
    {
        await using var probe = ProbeRig.BuildProbe(new ManualTimeProvider(ProbeRig.Start), ["--urls", "http://127.0.0.1:0", "--Probe:StaleFactor=0.5"]);

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => probe.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.StartsWith("Probe:StaleFactor must be >= 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidRedirectAndEscalationSettings_FailStartup_NamingEachSetting()
    {
        await using var probe = ProbeRig.BuildProbe(new ManualTimeProvider(ProbeRig.Start), ["--urls", "http://127.0.0.1:0", "--Probe:MaxRedirects=0", "--Probe:EscalationPeriod=00:00:00"]);

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => probe.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.StartsWith("Probe:MaxRedirects", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Probe:EscalationPeriod", StringComparison.Ordinal));
    }
}
