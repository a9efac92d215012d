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

    [Theory]
    [InlineData(3000, 2999, null)]
    [InlineData(3000, 3000, null)]
    [InlineData(3000, 3001, null)]
    [InlineData(3000, 3000, 3000L)]
    [InlineData(3000, 3001, 3000L)]
    [InlineData(65536, 65536, null)]
    [InlineData(65536, 65537, 10L)]
    [InlineData(0, 0, null)]
    [InlineData(0, 1, null)]
    public async Task ReadAsync_AnyLimitAndHint_KeepsExactlyTheBodiesWithinTheLimit(int limit, int length, long? hint)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);

        var read = await BoundedBody.ReadAsync(new TrickleStream(bytes), limit, hint, keep: true, TestContext.Current.CancellationToken);

        Assert.Equal(length > limit, read.TooLarge);
        Assert.Equal(Math.Min(length, limit + 1), read.Bytes);
        Assert.Equal(length > limit ? null : bytes, read.Body);
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

    /// <summary>A body delivered in uneven pieces (at most 1,000 bytes a read), as a socket delivers it.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1000));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
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
