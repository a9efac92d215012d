using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StreamWatch.Lab.Apis;
using StreamWatch.Lab.Edges;
using StreamWatch.Lab.Faults;
using StreamWatch.Lab.Ffmpeg;
using StreamWatch.Lab.Streams;

namespace StreamWatch.Lab;

/// <summary>The Lab's registrations and endpoints, so Program.cs (and tests) stay a few lines.</summary>
public static class LabServiceExtensions
{
    /// <summary>Flags the Lab understands besides the standard ASP.NET Core ones.</summary>
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["--streams"] = $"{LabOptions.SectionName}:Streams",
        ["--cdns"] = $"{LabOptions.SectionName}:Cdns",
        ["--mode"] = $"{LabOptions.SectionName}:Mode",
        ["--port"] = $"{LabOptions.SectionName}:Port",
    };

    /// <summary>
    /// Registers the Lab: options (section <c>Lab</c>, the flags, the configuration file's streams),
    /// the origin, edges, faults and, in ffmpeg mode, the encoders. A <see cref="TimeProvider"/>
    /// registered by the caller (tests: a manual clock) wins over the system clock.
    /// </summary>
    public static WebApplicationBuilder AddLab(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddCommandLine(args, Flags);
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddOptions<LabOptions>().BindConfiguration(LabOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LabOptions>, LabOptionsValidator>();
        var configFile = configuration["config"] ?? Environment.GetEnvironmentVariable("STREAMWATCH_CONFIG");
        if (!string.IsNullOrEmpty(configFile))
        {
            var (streams, cdns) = LabConfigFile.Read(configFile);
            services.Configure<LabOptions>(o =>
            {
                streams.ForEach(o.StreamIds.Add);
                cdns.ForEach(o.CdnNames.Add);
            });
        }

        // One port for everything unless the standard settings (urls, Kestrel endpoints) say otherwise.
        if (string.IsNullOrEmpty(configuration["urls"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            var port = configuration.GetValue($"{LabOptions.SectionName}:Port", 8090);
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        }

        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false); // each edge sends its own Server header
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, LabJsonContext.Default));
        services.AddSingleton<LabCatalog>();
        services.AddSingleton<Timeline>();
        services.AddSingleton<SyntheticOrigin>();
        services.AddSingleton<FaultStore>();
        services.AddSingleton<FaultValidator>();
        services.AddSingleton<EdgeHandler>();
        services.AddSingleton<FfmpegOrigin>();
        services.AddHostedService(sp => sp.GetRequiredService<FfmpegOrigin>());
        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"])
            .AddCheck<FfmpegHealthCheck>("ffmpeg");
        return builder;
    }

    /// <summary>Maps <c>/health</c>, <c>/alive</c>, <c>/lab/*</c> and the media routes <c>/{cdn}/{stream}/…</c>.</summary>
    public static WebApplication MapLab(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Until ServiceDefaults' MapDefaultEndpoints lands: readiness runs every check, liveness only "live" ones.
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        app.MapLabApi();
        app.MapFaultsApi();
        app.MapStreamsApi();
        return app;
    }
}
