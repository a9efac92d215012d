using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace StreamWatch.ServiceDefaults.Resilience;

/// <summary>Standard resilience for IHttpClientFactory clients (the stand-in for Microsoft.Extensions.Http.Resilience).</summary>
public static class ResilienceExtensions
{
    /// <summary>
    /// Adds the standard resilience handler: total timeout, retries of idempotent requests with
    /// exponential backoff, jitter and <c>Retry-After</c>, a circuit breaker per authority, and an
    /// attempt timeout. Options come from <c>Resilience</c>, then <c>Resilience:Clients:{name}</c>,
    /// then <paramref name="configure"/>; they are validated when the host starts.
    /// </summary>
    public static IHttpClientBuilder AddStandardResilience(this IHttpClientBuilder builder, Action<HttpResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<HttpResiliencePipelines>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HttpResilienceOptions>, BindResilienceOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpResilienceOptions>, HttpResilienceOptionsValidator>());

        // builder.Name is null under ConfigureHttpClientDefaults: options then apply to every client.
        var optionsName = builder.Name ?? Options.DefaultName;
        services.AddOptions<HttpResilienceOptions>(optionsName).ValidateOnStart();
        if (configure is not null)
        {
            if (builder.Name is null)
            {
                services.ConfigureAll(configure);
            }
            else
            {
                services.Configure(builder.Name, configure);
            }
        }

        var registrations = ResilienceHandlerFilter.Registrations(services);
        if (builder.Name is null)
        {
            registrations.AllClients = true;
        }
        else
        {
            registrations.Included.Add(builder.Name);
            registrations.Excluded.Remove(builder.Name);
        }

        return builder;
    }

    /// <summary>Removes the standard resilience handler, e.g. from a client that measures raw fetches and must see every failure.</summary>
    public static IHttpClientBuilder RemoveStandardResilience(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var registrations = ResilienceHandlerFilter.Registrations(builder.Services);
        if (builder.Name is null)
        {
            registrations.AllClients = false;
            registrations.Included.Clear();
        }
        else
        {
            registrations.Excluded.Add(builder.Name);
            registrations.Included.Remove(builder.Name);
        }

        return builder;
    }

    /// <summary>Binds <c>Resilience</c>, then <c>Resilience:Clients:{name}</c>, for every options name.</summary>
    private sealed class BindResilienceOptions(IConfiguration configuration) : IConfigureNamedOptions<HttpResilienceOptions>
    {
        public void Configure(HttpResilienceOptions options) => Configure(Options.DefaultName, options);

        public void Configure(string? name, HttpResilienceOptions options)
        {
            var section = configuration.GetSection(HttpResilienceOptions.SectionName);
            section.Bind(options);
            if (!string.IsNullOrEmpty(name))
            {
                section.GetSection(HttpResilienceOptions.ClientsSectionName).GetSection(name).Bind(options);
            }
        }
    }
}
