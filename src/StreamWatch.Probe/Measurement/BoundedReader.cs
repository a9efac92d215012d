using System.Buffers;

namespace StreamWatch.Probe.Measurement;

/// <summary>Reads a body, giving up as soon as it passes a size limit (the CLI's reader, extended to count without keeping).</summary>
internal static class BoundedReader
{
    private const int InitialBufferBytes = 16 * 1024;

    /// <summary>
    /// Reads <paramref name="stream"/> to its end or one byte past <paramref name="limit"/>. With <paramref name="keep"/>
    /// the body is returned; without, one pooled buffer is reused and only the length is counted (segments are measured,
    /// never kept).
    /// </summary>
    public static async Task<BodyRead> ReadAsync(Stream stream, int limit, long? lengthHint, bool keep, CancellationToken cancellationToken)
    {
        var cap = (int)Math.Min((long)limit + 1, Array.MaxLength);
        var initial = lengthHint is > 0 and var hint && hint < limit ? (int)hint + 1 : Math.Min(InitialBufferBytes, cap);
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        long counted = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (keep)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    else
                    {
                        length = 0;
                    }
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new BodyRead(keep ? buffer.AsSpan(0, length).ToArray() : null, counted, TooLarge: false);
                }

                length += read;
                counted += read;
                if (counted > limit)
                {
                    return new BodyRead(null, counted, TooLarge: true);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
