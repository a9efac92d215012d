using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.ServiceDefaults.Tests.Configuration;

public sealed class ConfigurationLayeringTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("streamwatch-config-");

    // Environment variables are process-wide: a section name of our own keeps parallel tests apart.
    private readonly string _section = "Layers" + Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable($"{_section}__Env", null);
        Environment.SetEnvironmentVariable($"{_section}__Cli", null);
        _directory.Delete(recursive: true);
    }

    [Fact]
    public void AddServiceDefaults_LayersYamlBelowAppsettingsEnvironmentAndCommandLine()
    {
        var yaml = Write("streamwatch.yaml", $"""
            {_section}:
              Yaml: yaml
              Json: yaml
              EnvJson: yaml
              Env: yaml
              Cli: yaml
            """);
        Write("appsettings.json", $$"""{ "{{_section}}": { "Json": "json", "EnvJson": "json", "Env": "json", "Cli": "json" } }""");
        Write("appsettings.Production.json", $$"""{ "{{_section}}": { "EnvJson": "production", "Env": "production", "Cli": "production" } }""");
        Environment.SetEnvironmentVariable($"{_section}__Env", "env");
        Environment.SetEnvironmentVariable($"{_section}__Cli", "env");

        var builder = CreateBuilder("--config", yaml, $"--{_section}:Cli=cli");
        builder.AddServiceDefaults();

        var section = builder.Configuration.GetSection(_section);
        Assert.Equal("yaml", section["Yaml"]);
        Assert.Equal("json", section["Json"]);
        Assert.Equal("production", section["EnvJson"]);
        Assert.Equal("env", section["Env"]);
        Assert.Equal("cli", section["Cli"]);
    }

    [Fact]
    public void AddStreamWatchConfiguration_FileNamedByStreamWatchConfig_IsRead()
    {
        var yaml = Write("from-env.yaml", "probe:\n  segments: all\n");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = _directory.FullName });
        builder.Configuration.AddInMemoryCollection([new(StreamWatchConfigurationExtensions.ConfigEnvironmentVariable, yaml)]);

        builder.AddStreamWatchConfiguration();

        Assert.Equal("all", builder.Configuration["probe:segments"]);
    }

    [Fact]
    public void AddStreamWatchConfiguration_MissingFile_FailsNamingTheFileAndTheSwitch()
    {
        var missing = Path.Combine(_directory.FullName, "nope.yaml");
        var builder = CreateBuilder("--config", missing);

        var ex = Assert.Throws<FileNotFoundException>(() => builder.AddStreamWatchConfiguration());

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--config", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStreamWatchConfiguration_InvalidYaml_FailsNamingTheFileAndLine()
    {
        var yaml = Write("broken.yaml", "probe:\n  segments: [newest\n");
        var builder = CreateBuilder("--config", yaml);

        var ex = Assert.Throws<InvalidDataException>(() => builder.AddStreamWatchConfiguration());

        Assert.Contains("broken.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid YAML at line", ex.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStreamWatchConfiguration_NoFileNamed_AddsNothing()
    {
        var builder = CreateBuilder();
        var sources = builder.Configuration.Sources.Count;

        builder.AddStreamWatchConfiguration();

        Assert.Equal(sources, builder.Configuration.Sources.Count);
    }

    [Fact]
    public async Task AddStreamWatchConfiguration_WithReload_SeesTheFileChange()
    {
        var yaml = Write("reload.yaml", "probe:\n  segments: newest\n");
        var builder = CreateBuilder("--config", yaml);
        builder.AddStreamWatchConfiguration(reloadOnChange: true);
        var changed = new TaskCompletionSource();
        using var registration = Microsoft.Extensions.Primitives.ChangeToken.OnChange(((IConfiguration)builder.Configuration).GetReloadToken, () => changed.TrySetResult());

        await File.WriteAllTextAsync(yaml, "probe:\n  segments: all\n", TestContext.Current.CancellationToken);
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal("all", builder.Configuration["probe:segments"]);
    }

    private WebApplicationBuilder CreateBuilder(params string[] args)
        => WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = _directory.FullName, EnvironmentName = "Production" });

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
