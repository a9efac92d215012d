using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Alerting.Store;

/// <summary>Validates <see cref="AlertStoreOptions"/> and that <c>ConnectionStrings:redis</c> is set; errors name the full key.</summary>
public sealed class AlertStoreOptionsValidator(IConfiguration configuration) : SettingsValidator<AlertStoreOptions>(string.Empty)
{
    /// <inheritdoc />
    protected override void Validate(AlertStoreOptions options, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var connectionString = configuration.GetConnectionString(AlertStoreOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            errors.Add("ConnectionStrings:redis", "is required: host:port of the Redis that keeps alert state (e.g. ConnectionStrings__redis=127.0.0.1:6379)");
        }
        else
        {
            try
            {
                if (StackExchange.Redis.ConfigurationOptions.Parse(connectionString).EndPoints.Count == 0)
                {
                    errors.Add("ConnectionStrings:redis", "names no endpoint (expected host:port)", connectionString);
                }
            }
            catch (ArgumentException exception)
            {
                errors.Add("ConnectionStrings:redis", "is not a valid StackExchange.Redis connection string: " + exception.Message, connectionString);
            }
        }

        errors.AtLeast("Alerting:HistoryLimit", options.HistoryLimit, 1);
        var redis = options.Redis;
        errors.Required("Alerting:Redis:KeyPrefix", redis.KeyPrefix);
        errors.AtLeast("Alerting:Redis:LeaseDuration", redis.LeaseDuration, TimeSpan.FromSeconds(1));
        errors.Positive("Alerting:Redis:LeaseRenewInterval", redis.LeaseRenewInterval);
        if (redis.LeaseRenewInterval * 3 > redis.LeaseDuration)
        {
            errors.Add("Alerting:Redis:LeaseRenewInterval", "must be at most a third of Alerting:Redis:LeaseDuration", redis.LeaseRenewInterval);
        }

        errors.AtLeast("Alerting:Redis:WriteQueueLimit", redis.WriteQueueLimit, 1);
        errors.Positive("Alerting:Redis:MaxRetryDelay", redis.MaxRetryDelay);
        errors.AtLeast("Alerting:Redis:DrainTimeout", redis.DrainTimeout, TimeSpan.Zero);
    }
}
