using System.Text.Json;
using StackExchange.Redis;
using StreamWatch.Alerting.Notifications;

namespace StreamWatch.Alerting.Tests.TestSupport;

/// <summary>Reads what alerting wrote, with its own connection (default key prefix).</summary>
internal sealed class RedisInspector : IDisposable
{
    private readonly ConnectionMultiplexer _connection;

    public RedisInspector(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        _connection = ConnectionMultiplexer.Connect(options);
    }

    public IDatabase Database => _connection.GetDatabase();

    public async Task<IReadOnlyList<NotificationRecord>> OutboxAsync()
    {
        var values = await Database.ListRangeAsync("streamwatch:outbox");
        return [.. values.Select(v => JsonSerializer.Deserialize((string)v!, NotificationJsonContext.Default.NotificationRecord)!)];
    }

    /// <summary>Waits (hang guard 30 s, Redis may be restarting) until <paramref name="condition"/> holds for the outbox.</summary>
    public async Task<IReadOnlyList<NotificationRecord>> WaitForOutboxAsync(Func<IReadOnlyList<NotificationRecord>, bool> condition)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(30));
        IReadOnlyList<NotificationRecord> records = [];
        while (true)
        {
            try
            {
                records = await OutboxAsync();
                if (condition(records))
                {
                    return records;
                }
            }
            catch (RedisConnectionException)
            {
            }

            if (guard.IsCancellationRequested)
            {
                Assert.Fail($"Outbox never reached the expected state; it holds: {string.Join(", ", records.Select(r => r.Alert.Rule + ":" + r.Event + ":" + r.Ordinal))}");
            }

            await Task.Delay(25, CancellationToken.None);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (guard.IsCancellationRequested)
            {
                Assert.Fail("Timed out (30 s hang guard) waiting until " + what);
            }

            await Task.Delay(25, CancellationToken.None);
        }
    }

    /// <summary>Every alert notified exactly once firing then once resolved (ordinals 1, 2), or only fired (ordinal 1).</summary>
    public static void AssertEachAlertNotifiedOnce(IReadOnlyList<NotificationRecord> records, bool resolved)
    {
        Assert.NotEmpty(records);
        foreach (var group in records.GroupBy(r => r.Alert.Fingerprint))
        {
            var events = group.Select(r => r.Event + ":" + r.Ordinal).ToArray();
            Assert.Equal(resolved ? ["firing:1", "resolved:2"] : new[] { "firing:1" }, events);
        }
    }

    public void Dispose() => _connection.Dispose();
}
