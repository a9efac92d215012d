using StreamWatch.Alerting.Apis;

namespace StreamWatch.Alerting.Tests.Apis;

public sealed class StatusApiOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(new StatusApiOptionsValidator().Validate(null, new StatusApiOptions()).Succeeded);
    }

    [Fact]
    public void BadSettings_AreEachNamedWithTheirValue()
    {
        var options = new StatusApiOptions { HistoryLimit = 0, MaxClients = -1, HeartbeatInterval = TimeSpan.Zero, ReconnectDelay = TimeSpan.FromSeconds(-1) };

        var result = new StatusApiOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "StatusApi:HistoryLimit must be >= 1 (was 0)",
                "StatusApi:MaxClients must be >= 1 (was -1)",
                "StatusApi:HeartbeatInterval must be a positive duration (was 00:00:00)",
                "StatusApi:ReconnectDelay must be a positive duration (was -00:00:01)",
            ],
            result.Failures);
    }
}
