using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace StreamWatch.Lab.Text;

/// <summary>
/// A growable UTF-8 buffer rented from the shared pool, written through an interpolated-string handler
/// so manifests render with no intermediate strings. Dispose returns the buffer.
/// </summary>
internal sealed class Utf8Writer : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public Utf8Writer(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Appends the interpolated text.</summary>
    public void Write([InterpolatedStringHandlerArgument("")] ref Utf8Handler handler)
    {
        _ = handler;
    }

    /// <summary>Appends the interpolated text and a line feed.</summary>
    public void Line([InterpolatedStringHandlerArgument("")] ref Utf8Handler handler)
    {
        _ = handler;
        Append("\n"u8);
    }

    public void Append(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_length));
        _length += utf8.Length;
    }

    public void Append(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    public void Append<T>(T value, ReadOnlySpan<char> format)
        where T : IUtf8SpanFormattable
    {
        while (true)
        {
            if (value.TryFormat(_buffer.AsSpan(_length), out var written, format, CultureInfo.InvariantCulture))
            {
                _length += written;
                return;
            }

            Ensure(_buffer.Length);
        }
    }

    /// <summary>An xs:dateTime / ISO 8601 UTC instant with milliseconds, e.g. <c>2026-01-01T00:00:02.000Z</c>.</summary>
    public void AppendInstant(DateTimeOffset instant) => Append(instant.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    /// <summary>An xs:duration in seconds with milliseconds, e.g. <c>PT2.000S</c>.</summary>
    public void AppendXsDuration(TimeSpan duration)
    {
        Append("PT"u8);
        Append(duration.TotalSeconds, "0.###");
        Append("S"u8);
    }

    /// <summary>A copy of what was written, sized exactly (for caching).</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int extra)
    {
        if (_buffer.Length - _length >= extra)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + extra));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    /// <summary>Writes each interpolated piece straight into the owning <see cref="Utf8Writer"/>.</summary>
    [InterpolatedStringHandler]
    public readonly ref struct Utf8Handler
    {
        private readonly Utf8Writer _writer;

        public Utf8Handler(int literalLength, int formattedCount, Utf8Writer writer)
        {
            _ = formattedCount;
            _writer = writer;
            writer.Ensure(literalLength + 64);
        }

        public void AppendLiteral(string value) => _writer.Append(value);

        public void AppendFormatted(string? value) => _writer.Append(value);

        public void AppendFormatted<T>(T value)
            where T : IUtf8SpanFormattable => _writer.Append(value, default);

        public void AppendFormatted<T>(T value, string? format)
            where T : IUtf8SpanFormattable => _writer.Append(value, format);
    }
}
