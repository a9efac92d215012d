using StreamWatch.AppHost.Hosting;
using StreamWatch.AppHost.Resources;

namespace StreamWatch.AppHost.Tests.Hosting;

public sealed class ConfigFileCheckTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"streamwatch-config-{Guid.NewGuid():N}.yaml");

    [Fact]
    public void The_generated_demo_file_is_valid_and_has_three_streams_one_of_them_on_DASH()
    {
        var yaml = DemoStreams.ConfigFile("http://127.0.0.1:8090");
        File.WriteAllText(_file, yaml);

        Assert.Equal(["stream-1", "stream-2", "stream-3"], ConfigFileCheck.Check(_file));
        Assert.Contains("url: http://127.0.0.1:8090/cdn-b/stream-3/manifest.mpd", yaml, StringComparison.Ordinal);
        Assert.Contains("url: http://127.0.0.1:8090/cdn-a/stream-1/master.m3u8", yaml, StringComparison.Ordinal);
        Assert.Contains("origin: http://127.0.0.1:8090/origin/stream-2/master.m3u8", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("streams:\n  - id: a\n    sources: [ {cdn: x, url: http://h/a.m3u8}\n", "Invalid YAML at line")]
    [InlineData("streams:\n  - id: Bad_Id\n    sources:\n      - cdn: x\n        url: http://h/a.m3u8\n", "streams:0:id must be lower-case")]
    [InlineData("streams:\n  - id: a\n    sources:\n      - cdn: x\n        url: ftp://h/a.m3u8\n", "streams:0:sources:0:url must be an absolute http(s) URL (was 'ftp://h/a.m3u8')")]
    [InlineData("streams:\n  - id: a\n    sources:\n      - cdn: x\n        url: http://h/a\n  - id: a\n    sources:\n      - cdn: x\n        url: http://h/b\n", "streams:1:id duplicates")]
    [InlineData("streams:\n  - id: a\n", "streams:0:sources must list at least one CDN source")]
    [InlineData("streams:\n  - id: a\n    origin: origin.example/a.m3u8\n    sources:\n      - cdn: x\n        url: http://h/a.m3u8\n", "streams:0:origin must be an absolute http(s) URL (was 'origin.example/a.m3u8')")]
    [InlineData("streams:\n  - id: a\n    origin: http://o/a.m3u8\n    sources:\n      - cdn: origin\n        url: http://h/a.m3u8\n", "streams:0:sources:0:cdn 'origin' is reserved for the stream's origin (streams:0:origin)")]
    public void Check_names_the_key_at_fault(string yaml, string expected)
    {
        File.WriteAllText(_file, yaml);

        var error = Assert.Throws<PrerequisiteException>(() => ConfigFileCheck.Check(_file));

        Assert.Contains(_file, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_a_missing_file_says_so()
    {
        var error = Assert.Throws<PrerequisiteException>(() => ConfigFileCheck.Check(_file));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_streams_layer_after_the_users_streams_as_environment_keys()
    {
        var environment = DemoStreams.AsEnvironment("http://127.0.0.1:8090", firstIndex: 2);

        Assert.Equal("stream-1", environment["streams__2__id"]);
        Assert.Equal("http://127.0.0.1:8090/cdn-b/stream-3/manifest.mpd", environment["streams__4__sources__1__url"]);
        Assert.Equal("http://127.0.0.1:8090/origin/stream-3/master.m3u8", environment["streams__4__origin"]);
    }

    public void Dispose() => File.Delete(_file);
}
