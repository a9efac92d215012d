using StreamWatch.AppHost.Hosting;

namespace StreamWatch.AppHost.Tests.Hosting;

public sealed class AppHostOptionsTests
{
    [Fact]
    public void Parse_reads_the_contract_flags()
    {
        var options = AppHostOptions.Parse(["--config", "/tmp/x.yaml", "--no-demo", "--gateway-port", "9000", "--lab-mode", "synthetic", "--free-ports"]);

        Assert.Equal("/tmp/x.yaml", options.ConfigFile);
        Assert.False(options.Demo);
        Assert.Equal(9000, options.GatewayPort);
        Assert.Equal(LabModeChoice.Synthetic, options.LabMode);
        Assert.True(options.FreePorts);
    }

    [Fact]
    public void Parse_defaults_to_the_demo_on_8080()
    {
        var options = AppHostOptions.Parse([]);

        Assert.True(options.Demo);
        Assert.Equal(8080, options.GatewayPort);
        Assert.Null(options.ConfigFile);
        Assert.EndsWith("streamwatch", options.StateDirectory, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--gateway-port", "0", "--gateway-port must be a TCP port")]
    [InlineData("--gateway-port", "http", "--gateway-port must be a TCP port")]
    [InlineData("--lab-mode", "real", "--lab-mode must be auto, synthetic or ffmpeg")]
    [InlineData("--bogus", null, "unknown option '--bogus'")]
    public void Parse_names_the_flag_at_fault(string flag, string? value, string expected)
    {
        string[] args = value is null ? [flag] : [flag, value];

        var error = Assert.Throws<PrerequisiteException>(() => AppHostOptions.Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
