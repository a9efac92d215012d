using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StreamWatch.Alerting.Tests.TestSupport;

/// <summary>
/// A host with only <c>AddAlerting()</c> over in-memory settings, not started: for the configuration tests
/// (rules, webhooks), which read bound options or start it to see validation fail.
/// </summary>
internal static class ConfiguredHost
{
    public static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddAlerting();
        return builder.Build();
    }
}
