using Microsoft.Extensions.Options;

namespace StreamWatch.Lab.Tests;

/// <summary>Bad settings stop the Lab at start with errors naming each setting.</summary>
public sealed class LabOptionsTests
{
    [Fact]
    public async Task InvalidSettings_FailAtStart_NamingEverySetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LabServer.StartAsync(
            "--streams", "0", "--Lab:WindowSegments=1", "--Lab:SegmentDuration=00:00:00.1234", "--Lab:CdnNames:0=CDN A"));
        Assert.Contains("Lab:Streams", error.Message, StringComparison.Ordinal);
        Assert.Contains("Lab:WindowSegments", error.Message, StringComparison.Ordinal);
        Assert.Contains("Lab:SegmentDuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigurationFile_DefinesTheStreamsAndCdns()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """
            streams:
              - id: final-hindi
                name: "Cricket final (Hindi)"
                sources:
                  - cdn: akamai
                    url: https://a.example/final-hindi/master.m3u8
                  - cdn: fastly
                    url: https://b.example/final-hindi/manifest.mpd
            probe:
              segments: newest
            """, TestContext.Current.CancellationToken);
        try
        {
            await using var lab = await LabServer.StartAsync("--config", file);
            Assert.Contains("720p/index.m3u8", await lab.GetStringAsync("fastly/final-hindi/master.m3u8"), StringComparison.Ordinal);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await lab.GetAsync("cdn-a/stream-1/master.m3u8")).StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
