using System.Buffers.Binary;

namespace StreamWatch.Lab.Segments;

/// <summary>
/// Shared, read-only bodies for synthetic segments, so serving thousands of renditions allocates no
/// body per request. TS segments are runs of MPEG-TS null packets (valid sync bytes, PID 0x1FFF);
/// fMP4 segments are an <c>styp</c> box and one <c>free</c> box padding to the declared size.
/// </summary>
internal static class SyntheticMedia
{
    public const int TsPacket = 188;

    /// <summary>348 null packets: 65,424 bytes, written repeatedly for a segment's body.</summary>
    public static ReadOnlyMemory<byte> TsChunk { get; } = BuildNullPackets(348);

    /// <summary>Zeros, for the payload of an fMP4 <c>free</c> box.</summary>
    public static ReadOnlyMemory<byte> ZeroChunk { get; } = new byte[64 * 1024];

    /// <summary>An fMP4 initialization segment: <c>ftyp</c> (iso6, dash brands) and a <c>free</c> box.</summary>
    public static ReadOnlyMemory<byte> InitSegment { get; } = BuildInit();

    /// <summary>Bytes of an fMP4 media segment header: <c>styp</c> (24) and the <c>free</c> box header (8).</summary>
    public const int Mp4HeaderBytes = 32;

    /// <summary>Writes the header of an fMP4 media segment of <paramref name="totalBytes"/>; the rest is <see cref="ZeroChunk"/>.</summary>
    public static void WriteMp4Header(Span<byte> header, int totalBytes)
    {
        BinaryPrimitives.WriteUInt32BigEndian(header, 24);
        "stypmsdh"u8.CopyTo(header[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], 0);
        "msdhmsix"u8.CopyTo(header[16..]);
        BinaryPrimitives.WriteUInt32BigEndian(header[24..], (uint)(totalBytes - 24));
        "free"u8.CopyTo(header[28..]);
    }

    private static byte[] BuildNullPackets(int count)
    {
        var buffer = new byte[count * TsPacket];
        buffer.AsSpan().Fill(0xFF);
        for (var i = 0; i < count; i++)
        {
            var packet = buffer.AsSpan(i * TsPacket);
            packet[0] = 0x47;
            packet[1] = 0x1F;
            packet[2] = 0xFF;
            packet[3] = 0x10; // payload only, continuity counter 0 (ignored for null packets)
        }

        return buffer;
    }

    private static byte[] BuildInit()
    {
        var buffer = new byte[1024];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, 24);
        "ftypiso6"u8.CopyTo(buffer.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(12), 0);
        "iso6dash"u8.CopyTo(buffer.AsSpan(16));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(24), (uint)(buffer.Length - 24));
        "free"u8.CopyTo(buffer.AsSpan(28));
        return buffer;
    }
}
