using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace StreamWatch.ServiceDefaults.Configuration;

/// <summary>StreamWatch's configuration layering, the same in every service.</summary>
public static class StreamWatchConfigurationExtensions
{
    /// <summary>The command-line switch naming the YAML file: <c>--config FILE</c>.</summary>
    public const string ConfigKey = "config";

    /// <summary>The environment variable naming the YAML file when <c>--config</c> is not given.</summary>
    public const string ConfigEnvironmentVariable = "STREAMWATCH_CONFIG";

    /// <summary>
    /// Adds the StreamWatch YAML file (CONTRACTS.md), named by <c>--config FILE</c> or else
    /// <c>STREAMWATCH_CONFIG</c>, as the lowest configuration layer. The order, lowest first, is:
    /// YAML, <c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>, environment variables,
    /// command line. Nothing is added when neither names a file.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file named does not exist; the message names it and where it was named.</exception>
    public static TBuilder AddStreamWatchConfiguration<TBuilder>(this TBuilder builder, bool reloadOnChange = false)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var fromCommandLine = builder.Configuration[ConfigKey];
        var path = fromCommandLine ?? builder.Configuration[ConfigEnvironmentVariable] ?? Environment.GetEnvironmentVariable(ConfigEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return builder;
        }

        var origin = fromCommandLine is not null ? "--config" : ConfigEnvironmentVariable;
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The StreamWatch configuration file '{fullPath}' (named by {origin}) does not exist.", fullPath);
        }

        var source = new YamlConfigurationSource
        {
            Path = Path.GetFileName(fullPath),
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(fullPath)!),
            Optional = false,
            ReloadOnChange = reloadOnChange,
        };

        // Lowest precedence: appsettings, environment variables and the command line override it.
        builder.Configuration.Sources.Insert(0, source);
        return builder;
    }

    /// <summary>Adds a YAML file to a configuration builder, at the end (highest precedence so far).</summary>
    public static IConfigurationBuilder AddYamlFile(this IConfigurationBuilder builder, string path, bool optional = false, bool reloadOnChange = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.Add<YamlConfigurationSource>(source =>
        {
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
            source.ResolveFileProvider();
        });
    }
}
