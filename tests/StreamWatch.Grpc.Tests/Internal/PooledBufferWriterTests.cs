using StreamWatch.Buffers;

namespace StreamWatch.Grpc.Tests.Internal;

// The shared-source writer (src/Shared/Buffers) that StreamWatch.Grpc and StreamWatch.Gateway both compile.
public sealed class PooledBufferWriterTests
{
    [Fact]
    public void GetSpan_WithInitialCapacity_RentsAtLeastThatMuchOnFirstWrite()
    {
        using var writer = new PooledBufferWriter(64 * 1024);

        Assert.True(writer.GetSpan().Length >= 64 * 1024);
    }

    [Fact]
    public void GetSpan_Growing_KeepsWhatWasWritten()
    {
        using var writer = new PooledBufferWriter();
        for (var i = 0; i < 10_000; i++)
        {
            writer.GetSpan(1)[0] = (byte)(i % 251);
            writer.Advance(1);
        }

        Assert.Equal(10_000, writer.WrittenCount);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal((byte)(i % 251), writer.WrittenSpan[i]);
        }
    }

    [Fact]
    public void Clear_KeepsTheArrayAndForgetsTheBytes()
    {
        using var writer = new PooledBufferWriter();
        var first = writer.GetMemory(300);
        writer.Advance(300);

        writer.Clear();

        Assert.Equal(0, writer.WrittenCount);
        Assert.True(writer.GetMemory(300).Span.Overlaps(first.Span));
    }

    [Fact]
    public void Advance_PastTheSpanHandedOut_Throws()
    {
        using var writer = new PooledBufferWriter();
        var length = writer.GetSpan(10).Length;

        Assert.Throws<InvalidOperationException>(() => writer.Advance(length + 1));
    }

    [Fact]
    public void Dispose_ThenWriteAgain_RentsAnewAndStartsEmpty()
    {
        var writer = new PooledBufferWriter();
        writer.GetSpan(5)[..5].Fill(7);
        writer.Advance(5);

        writer.Dispose();
        writer.GetSpan(3)[..3].Fill(9);
        writer.Advance(3);

        Assert.Equal(new byte[] { 9, 9, 9 }, writer.WrittenSpan.ToArray());
        writer.Dispose();
    }
}
