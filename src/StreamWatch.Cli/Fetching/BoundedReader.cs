using System.Buffers;

namespace StreamWatch.Cli.Fetching;

/// <summary>Reads a whole stream into memory, giving up as soon as it passes a size limit.</summary>
internal static class BoundedReader
{
    private const int InitialBufferBytes = 16 * 1024;

    /// <summary>
    /// The stream's bytes, or null when it holds more than <paramref name="limit"/> bytes. Reading stops at
    /// limit + 1 bytes, so a hostile or compressed-bomb body never costs more than the limit in memory.
    /// </summary>
    /// <param name="stream">The body (already decompressed when the transport decompresses).</param>
    /// <param name="limit">Largest accepted size, in bytes.</param>
    /// <param name="lengthHint">The announced length (Content-Length or file size), used only to size the first buffer.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public static async Task<byte[]?> ReadAsync(Stream stream, int limit, long? lengthHint, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);

        // One byte past the limit is enough to know the body is too large.
        var cap = (int)Math.Min((long)limit + 1, Array.MaxLength);
        var initial = lengthHint is > 0 and var hint && hint < limit ? (int)hint + 1 : Math.Min(InitialBufferBytes, cap);
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, cap) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
