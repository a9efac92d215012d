using System.Text;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.ServiceDefaults.Tests.Configuration;

public sealed class YamlConfigurationProviderTests
{
    [Fact]
    public void Parse_ContractsExample_FlattensMappingsSequencesAndScalars()
    {
        var data = Parse("""
            streams:
              - id: final-hindi              # [a-z0-9-], unique
                name: "Cricket final (Hindi)"
                sources:
                  - cdn: cdn-a
                    url: https://a.example/final-hindi/master.m3u8
                  - cdn: cdn-b
                    url: https://b.example/final-hindi/manifest.mpd
            probe:
              segments: newest
            rules: []
            webhooks:
              - name: failover
                events: [firing, resolved]
            gateway:
              apiKeys: ["k1"]
            """);

        Assert.Equal("final-hindi", data["streams:0:id"]);
        Assert.Equal("Cricket final (Hindi)", data["streams:0:name"]);
        Assert.Equal("cdn-b", data["streams:0:sources:1:cdn"]);
        Assert.Equal("https://b.example/final-hindi/manifest.mpd", data["streams:0:sources:1:url"]);
        Assert.Equal("newest", data["probe:segments"]);
        Assert.True(data.ContainsKey("rules"));
        Assert.Null(data["rules"]);
        Assert.Equal("resolved", data["webhooks:0:events:1"]);
        Assert.Equal("k1", data["gateway:apiKeys:0"]);
    }

    [Fact]
    public void Parse_NullsAndQuotedNulls_AreToldApart()
    {
        var data = Parse("""
            a: ~
            b: null
            c:
            d: "null"
            e: ''
            f: 0.5
            g: |
              two
              lines
            """);

        Assert.Null(data["a"]);
        Assert.Null(data["b"]);
        Assert.Null(data["c"]);
        Assert.Equal("null", data["d"]);
        Assert.Equal(string.Empty, data["e"]);
        Assert.Equal("0.5", data["f"]);
        Assert.Equal("two\nlines", data["g"]); // clip chomping; the text ends without a line break
    }

    [Fact]
    public void Parse_KeysAreCaseInsensitive_AndARepeatedKeyIsAnErrorNamingBothLines()
    {
        var ex = Assert.Throws<FormatException>(() => Parse("""
            probe:
              segments: newest
              Segments: all
            """));

        Assert.Contains("'probe:Segments'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lines 2 and 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidYaml_NamesTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => Parse("probe:\n  segments: [newest\n"));

        Assert.Contains("line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TopLevelSequence_IsRejected()
        => Assert.Throws<FormatException>(() => Parse("- a\n- b\n"));

    [Fact]
    public void Parse_EmptyFile_HasNoKeys()
        => Assert.Empty(Parse(string.Empty));

    [Fact]
    public void Parse_AnchorsAndAliases_AreResolved()
    {
        var data = Parse("""
            defaults: &d
              timeout: 5s
            probe:
              <<: *d
            other: *d
            """);

        Assert.Equal("5s", data["other:timeout"]);
    }

    private static Dictionary<string, string?> Parse(string yaml)
        => YamlConfigurationProvider.Parse(new MemoryStream(Encoding.UTF8.GetBytes(yaml)));
}
