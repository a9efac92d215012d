using StreamWatch.Media.Http;
using Xunit;

namespace StreamWatch.Media.Tests.Http;

public sealed class BoundedBodyTests
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

        var read = await BoundedBody.ReadAsync(new MemoryStream(bytes), 4096, lengthHint: null, keep: true, TestContext.Current.CancellationToken);

        if (length <= 4096)
        {
            Assert.Equal(bytes, read.Body);
            Assert.False(read.TooLarge);
            Assert.Equal(length, read.Bytes);
        }
        else
        {
            Assert.Null(read.Body);
            Assert.True(read.TooLarge);
            Assert.Equal(4097, read.Bytes);
        }
    }

    [Fact]
    public async Task ReadAsync_LengthHintLargerThanBody_ReturnsTheBody()
    {
        var bytes = new byte[100];

        var read = await BoundedBody.ReadAsync(new MemoryStream(bytes), 4096, lengthHint: 2000, keep: true, TestContext.Current.CancellationToken);

        Assert.Equal(bytes, read.Body);
    }

    [Fact]
    public async Task ReadAsync_CountOnly_CountsEveryByteWithoutKeepingThem()
    {
        var bytes = new byte[100_000];

        var read = await BoundedBody.ReadAsync(new MemoryStream(bytes), 1_000_000, lengthHint: bytes.Length, keep: false, TestContext.Current.CancellationToken);

        Assert.Null(read.Body);
        Assert.False(read.TooLarge);
        Assert.Equal(bytes.Length, read.Bytes);
    }

    [Fact]
    public async Task ReadAsync_EndlessStream_StopsOneBytePastTheLimit()
    {
        await using var endless = new EndlessStream();

        var read = await BoundedBody.ReadAsync(endless, 1 << 20, lengthHint: null, keep: true, TestContext.Current.CancellationToken);

        Assert.True(read.TooLarge);
        Assert.Equal((1 << 20) + 1, read.Bytes);
        Assert.Equal((1 << 20) + 1, endless.Served);
    }

    /// <summary>A body that never ends: every read is filled.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
