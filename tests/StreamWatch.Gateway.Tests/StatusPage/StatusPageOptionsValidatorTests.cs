using StreamWatch.Gateway.StatusPage;

namespace StreamWatch.Gateway.Tests.StatusPage;

public sealed class StatusPageOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(new StatusPageOptionsValidator().Validate(null, new StatusPageOptions()).Succeeded);
    }

    [Fact]
    public void BadSettings_AreEachNamedWithTheirValue()
    {
        var options = new StatusPageOptions
        {
            ReconnectMinDelay = TimeSpan.FromSeconds(20),
            FirstPaintWait = TimeSpan.Zero,
            HistoryEntries = 0,
        };

        var result = new StatusPageOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "StatusPage:FirstPaintWait must be a positive duration (was 00:00:00)",
                "StatusPage:ReconnectMaxDelay must be >= ReconnectMinDelay (00:00:20) (was 00:00:15)",
                "StatusPage:HistoryEntries must be >= 1 (was 0)",
            ],
            result.Failures);
    }
}
