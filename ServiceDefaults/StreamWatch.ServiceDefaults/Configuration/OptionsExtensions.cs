using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace StreamWatch.ServiceDefaults.Configuration;

/// <summary>The one way StreamWatch services bind options: from a section, validated at start.</summary>
public static class OptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/>, validates it with
    /// <typeparamref name="TValidator"/> and fails host start-up with every
    /// error, each naming the setting at fault.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddValidatedOptions<TOptions>(sectionName);
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> and validates it at
    /// start with whatever <see cref="IValidateOptions{TOptions}"/> are registered.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sectionName);
        return services.AddOptions<TOptions>()
            .BindConfiguration(sectionName)
            .ValidateOnStart();
    }
}
