using Microsoft.Extensions.DependencyInjection;

namespace StreamWatch.Grpc.Server.Internal;

/// <summary>
/// Gets the service instance for a call: the registered one when <typeparamref name="TService"/> is in
/// the container (its lifetime rules), otherwise a new instance per call that is disposed after it.
/// </summary>
internal sealed class GrpcServiceActivator<TService>
    where TService : class
{
    private ObjectFactory? _factory;

    public (TService Service, bool Created) Create(IServiceProvider services)
    {
        var registered = services.GetService<TService>();
        if (registered is not null)
        {
            return (registered, false);
        }

        _factory ??= ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);
        return ((TService)_factory(services, null), true);
    }

    public static ValueTask ReleaseAsync(TService service, bool created)
    {
        if (!created)
        {
            return ValueTask.CompletedTask;
        }

        if (service is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        (service as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }
}
