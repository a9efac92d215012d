using System.Buffers;

namespace StreamWatch.Media.Http;

/// <summary>
/// Reads a response body (or a file) with bounded memory: it gives up one byte past a size limit, so an endless,
/// huge or decompression-bomb body never costs more than the limit. The CLI's manifest fetcher and the probe's
/// fetcher both read through it.
/// </summary>
public static class BoundedBody
{
    private const int InitialBufferBytes = 16 * 1024;

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, or until it has yielded more than <paramref name="limit"/> bytes.
    /// With <paramref name="keep"/> the body is returned (a pooled buffer doubling from 16 KiB, or sized by
    /// <paramref name="lengthHint"/>, up to the limit); without it one pooled 16 KiB buffer is reused and only
    /// the length is counted (media segments are measured, never kept).
    /// </summary>
    /// <param name="stream">The body, already decoded when the transport decodes it.</param>
    /// <param name="limit">Largest accepted size, in bytes; at least 0.</param>
    /// <param name="lengthHint">The announced length (Content-Length or file size); only sizes the first buffer.</param>
    /// <param name="keep">True to return the body, false to count it only.</param>
    /// <param name="cancellationToken">Stops the read (a request timeout, shutdown).</param>
    public static async ValueTask<BoundedBodyRead> ReadAsync(Stream stream, int limit, long? lengthHint, bool keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);

        // The kept buffer grows to the limit at most (a power of two for the usual limits, so the pool does not round
        // it up to twice the size); one byte past the limit is enough to know the body is too large.
        var cap = Math.Max(1, (int)Math.Min(limit, Array.MaxLength));
        var initial = keep && lengthHint is > 0 and var hint && hint < limit ? (int)hint + 1 : Math.Min(InitialBufferBytes, cap);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 1));
        var length = 0;
        long counted = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (!keep)
                    {
                        length = 0;
                    }
                    else if (buffer.Length >= cap)
                    {
                        // Full at the limit: one more byte decides.
                        var extra = await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false);
                        return extra == 0 && length <= limit
                            ? new BoundedBodyRead(buffer.AsSpan(0, length).ToArray(), counted, TooLarge: false)
                            : new BoundedBodyRead(null, counted + extra, TooLarge: true);
                    }
                    else
                    {
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }

                // Never ask for more than the bytes left before limit + 1, so the count stops exactly there.
                var room = (int)Math.Min(buffer.Length - length, (long)limit + 1 - counted);
                var read = await stream.ReadAsync(buffer.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new BoundedBodyRead(keep ? buffer.AsSpan(0, length).ToArray() : null, counted, TooLarge: false);
                }

                length += read;
                counted += read;
                if (counted > limit)
                {
                    return new BoundedBodyRead(null, counted, TooLarge: true);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
