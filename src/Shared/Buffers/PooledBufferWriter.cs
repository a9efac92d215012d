using System.Buffers;

namespace StreamWatch.Buffers;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over one growing array rented from <see cref="ArrayPool{T}.Shared"/>;
/// reuse it with <see cref="Clear"/>, dispose it to return the array.
/// </summary>
/// <remarks>
/// Shared source (compiled into StreamWatch.Grpc and StreamWatch.Gateway as an internal type, the way
/// ASP.NET Core shares its small helpers): the two libraries reference nothing in common, and neither
/// should gain a reference just for a buffer.
/// </remarks>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int MinimumRent = 256;

    private readonly int _initialCapacity;
    private byte[] _buffer = [];
    private int _written;

    /// <summary>
    /// Creates a writer that rents its first array, of at least <paramref name="initialCapacity"/> bytes
    /// (and at least 256), on the first write; 0 (the default) rents only what the first write asks for.
    /// </summary>
    public PooledBufferWriter(int initialCapacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _initialCapacity = initialCapacity;
    }

    /// <summary>What has been written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>What has been written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Bytes written so far.</summary>
    public int WrittenCount => _written;

    /// <summary>Forgets what was written, keeping the array for the next use.</summary>
    public void Clear() => _written = 0;

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Returns the array to the pool; the writer may be used again and rents anew.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        // Doubling keeps the copies amortised O(n); the first rent honours the caller's expected size.
        var size = Math.Max(_written + needed, Math.Max(_buffer.Length * 2, Math.Max(_initialCapacity, MinimumRent)));
        var next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}
