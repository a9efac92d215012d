using StreamWatch.Cli.Fetching;

namespace StreamWatch.Cli.Tests.Fetching;

public sealed class BoundedReaderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(20_000)]
    public async Task ReadAsync_BodyAroundTheLimit_ReturnsItOnlyWithinTheLimit(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);

        var read = await BoundedReader.ReadAsync(new MemoryStream(bytes), 4096, lengthHint: null, TestContext.Current.CancellationToken);

        if (length <= 4096)
        {
            Assert.Equal(bytes, read);
        }
        else
        {
            Assert.Null(read);
        }
    }

    [Fact]
    public async Task ReadAsync_LengthHintLargerThanBody_ReturnsTheBody()
    {
        var bytes = new byte[100];

        var read = await BoundedReader.ReadAsync(new MemoryStream(bytes), 4096, lengthHint: 2000, TestContext.Current.CancellationToken);

        Assert.Equal(bytes, read);
    }
}
