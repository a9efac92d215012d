using Microsoft.Extensions.Configuration;

namespace StreamWatch.ServiceDefaults.Configuration;

/// <summary>A YAML file as an <see cref="IConfigurationSource"/> (see <see cref="YamlConfigurationProvider"/>).</summary>
public sealed class YamlConfigurationSource : FileConfigurationSource
{
    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new YamlConfigurationProvider(this);
    }
}
