using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace StreamWatch.Alerting.Store;

/// <summary>
/// The one Redis connection of alerting (<c>ConnectionStrings:redis</c>). Created on first use and
/// never fails to be created: with Redis away it keeps reconnecting in the background, commands fail
/// fast with a <see cref="RedisConnectionException"/>, and the health check reports it.
/// </summary>
internal sealed class RedisConnection(IConfiguration configuration, IOptions<AlertStoreOptions> options) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() =>
    {
        var connectionString = configuration.GetConnectionString(AlertStoreOptions.ConnectionStringName)
            ?? throw new InvalidOperationException("ConnectionStrings:redis is required (host:port).");
        var settings = ConfigurationOptions.Parse(connectionString);
        settings.AbortOnConnectFail = false;
        settings.ConnectTimeout = Math.Min(settings.ConnectTimeout, 2000);
        settings.SyncTimeout = Math.Min(settings.SyncTimeout, 2000);
        settings.ConnectRetry = Math.Max(settings.ConnectRetry, 1);
        settings.KeepAlive = 2;
        settings.ClientName ??= "streamwatch-alerting";
        return ConnectionMultiplexer.Connect(settings);
    });

    public RedisKeyspace Keys { get; } = new(options.Value.Redis.KeyPrefix);

    public ConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => Multiplexer.GetDatabase();

    public bool IsConnected => Multiplexer.IsConnected;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}
