using System.Buffers;
using System.Globalization;
using System.Text;

namespace StreamWatch.ServiceDefaults.Metrics.Internal;

/// <summary>
/// Appends UTF-8 text to an <see cref="IBufferWriter{T}"/> in large chunks: one GetSpan per
/// few kilobytes rather than one per token. Call <see cref="Flush"/> when done.
/// </summary>
internal ref struct ExpositionWriter
{
    private const int ChunkSize = 16 * 1024;
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _position;

    public ExpositionWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = output.GetSpan(ChunkSize);
        _position = 0;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _span.Length - _position)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_span[_position..]);
        _position += bytes.Length;
    }

    public void Write(byte value)
    {
        if (_position == _span.Length)
        {
            Grow(1);
        }

        _span[_position++] = value;
    }

    /// <summary>A sample value as the text format wants it: <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>, else the shortest round-trip form.</summary>
    public void WriteValue(double value)
    {
        // 32 bytes hold any shortest round-trip double ("-1.7976931348623157E+308" is 24).
        if (_span.Length - _position < 32)
        {
            Grow(32);
        }

        var destination = _span[_position..];
        if (double.IsFinite(value))
        {
            value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
            _position += written;
        }
        else
        {
            var text = double.IsNaN(value) ? "NaN"u8 : value > 0 ? "+Inf"u8 : "-Inf"u8;
            text.CopyTo(destination);
            _position += text.Length;
        }
    }

    public void WriteValue(long value)
    {
        if (_span.Length - _position < 20)
        {
            Grow(20);
        }

        value.TryFormat(_span[_position..], out var written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    public void Flush()
    {
        if (_position > 0)
        {
            _output.Advance(_position);
            _position = 0;
            _span = default;
        }
    }

    private void Grow(int needed)
    {
        _output.Advance(_position);
        _position = 0;
        _span = _output.GetSpan(Math.Max(needed, ChunkSize));
    }
}

/// <summary>The text format's escaping and number rules, for building the cached byte strings.</summary>
internal static class Exposition
{
    /// <summary>Label value escaping: backslash, double quote and line feed.</summary>
    public static void AppendLabelValue(StringBuilder builder, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append(@"\n"); break;
                default: builder.Append(c); break;
            }
        }
    }

    /// <summary>HELP text escaping: backslash and line feed (quotes stay as they are).</summary>
    public static void AppendHelp(StringBuilder builder, string help)
    {
        foreach (var c in help)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\n': builder.Append(@"\n"); break;
                default: builder.Append(c); break;
            }
        }
    }

    /// <summary>A float as Go's ParseFloat reads it back exactly: <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c> or shortest round-trip.</summary>
    public static string FormatDouble(double value) => double.IsFinite(value)
        ? value.ToString(CultureInfo.InvariantCulture)
        : double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";

    /// <summary>The <c># HELP</c> and <c># TYPE</c> lines of a family.</summary>
    public static byte[] Header(string name, string help, MetricType type)
    {
        var builder = new StringBuilder(name.Length * 2 + help.Length + 32);
        builder.Append("# HELP ").Append(name).Append(' ');
        AppendHelp(builder, help);
        builder.Append("\n# TYPE ").Append(name).Append(' ').Append(type switch
        {
            MetricType.Counter => "counter",
            MetricType.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
