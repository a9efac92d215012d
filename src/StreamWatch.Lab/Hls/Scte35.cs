using System.Buffers.Binary;

namespace StreamWatch.Lab.Hls;

/// <summary>
/// Builds SCTE-35 splice_info_section()s carrying an immediate splice_insert(), as EXT-X-DATERANGE
/// SCTE35-OUT / SCTE35-IN carry them (RFC 8216bis 4.4.5.1.1), CRC-32/MPEG-2 included.
/// </summary>
internal static class Scte35
{
    /// <summary>Length of every section this writes.</summary>
    public const int SectionBytes = 35;

    /// <summary>Writes a splice_insert for event <paramref name="eventId"/>: out of network with a break duration, or the return.</summary>
    public static void WriteSpliceInsert(Span<byte> section, uint eventId, bool outOfNetwork, TimeSpan breakDuration)
    {
        var length = LengthOf(outOfNetwork);
        section = section[..length];
        section.Clear();
        var commandLength = outOfNetwork ? 15 : 10;
        section[0] = 0xFC;                                                   // table_id
        var sectionLength = length - 3;
        BinaryPrimitives.WriteUInt16BigEndian(section[1..], (ushort)(0x3000 | sectionLength)); // syntax 0, private 0, sap_type 3
        // protocol_version 0, not encrypted, pts_adjustment 0, cw_index 0: already zero (bytes 3..8).
        section[10] = 0xFF;                                                  // tier 0xFFF, splice_command_length
        section[11] = (byte)(0xF0 | (commandLength >> 8));
        section[12] = (byte)commandLength;
        section[13] = 0x05;                                                  // splice_insert
        BinaryPrimitives.WriteUInt32BigEndian(section[14..], eventId);
        section[18] = 0x7F;                                                  // not cancelled, reserved
        // out_of_network, program_splice 1, duration_flag, splice_immediate 1, event_id_compliance 1, reserved 111
        section[19] = (byte)((outOfNetwork ? 0x80 : 0) | 0x40 | (outOfNetwork ? 0x20 : 0) | 0x10 | 0x08 | 0x07);
        var at = 20;
        if (outOfNetwork)
        {
            var ticks = (ulong)(breakDuration.Ticks / (TimeSpan.TicksPerSecond / 90_000)); // 90 kHz
            section[at] = (byte)(0x80 | 0x7E | (int)((ticks >> 32) & 1));  // auto_return 1, reserved, duration bit 32
            BinaryPrimitives.WriteUInt32BigEndian(section[(at + 1)..], (uint)ticks);
            at += 5;
        }

        BinaryPrimitives.WriteUInt16BigEndian(section[at..], (ushort)eventId); // unique_program_id
        section[at + 2] = 0;                                                 // avail_num
        section[at + 3] = 0;                                                 // avails_expected
        at += 4;
        // descriptor_loop_length 0
        at += 2;
        BinaryPrimitives.WriteUInt32BigEndian(section[at..], Crc32Mpeg2(section[..at]));
    }

    /// <summary>Length of the section written for <paramref name="outOfNetwork"/>.</summary>
    public static int LengthOf(bool outOfNetwork) => outOfNetwork ? SectionBytes : SectionBytes - 5;

    internal static uint Crc32Mpeg2(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= (uint)b << 24;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }

        return crc;
    }
}
