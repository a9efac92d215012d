namespace StreamWatch.AppHost.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public void AppHost_assembly_is_built() => Assert.True(File.Exists(typeof(PlaceholderTests).Assembly.Location));
}
