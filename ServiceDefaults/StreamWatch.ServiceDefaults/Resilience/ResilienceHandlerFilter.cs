using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace StreamWatch.ServiceDefaults.Resilience;

/// <summary>
/// Adds <see cref="StandardResilienceHandler"/> to the clients that asked for it. A handler builder
/// filter is the supported place that knows the client's name, which the handler needs for its
/// options and circuit state even when it was requested through <c>ConfigureHttpClientDefaults</c>.
/// </summary>
internal sealed class ResilienceHandlerFilter(ResilienceHandlerFilter.Registration registration, HttpResiliencePipelines pipelines) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        var name = builder.Name ?? string.Empty;
        if (registration.Excluded.Contains(name) || !(registration.AllClients || registration.Included.Contains(name)))
        {
            return;
        }

        // Outermost of the additional handlers: the others run once per attempt.
        builder.AdditionalHandlers.Insert(0, new StandardResilienceHandler(name, pipelines));
    };

    /// <summary>The one registration object of a service collection, created on first use.</summary>
    public static Registration Registrations(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(Registration) && descriptor.ImplementationInstance is Registration existing)
            {
                return existing;
            }
        }

        var created = new Registration();
        services.AddSingleton(created);
        services.TryAddSingleton<HttpResiliencePipelines>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, ResilienceHandlerFilter>());
        return created;
    }

    /// <summary>Which clients get the handler; filled while services are registered, read-only afterwards.</summary>
    internal sealed class Registration
    {
        public bool AllClients { get; set; }

        public HashSet<string> Included { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Excluded { get; } = new(StringComparer.Ordinal);
    }
}
