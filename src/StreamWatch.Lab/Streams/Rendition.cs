namespace StreamWatch.Lab.Streams;

/// <summary>One rung of the ladder (or the audio rendition) that every Lab stream carries.</summary>
/// <param name="Id">Path segment and DASH Representation id, e.g. <c>720p</c>.</param>
/// <param name="Bandwidth">Bits per second of this rendition alone.</param>
/// <param name="Width">Video width in pixels; 0 for audio.</param>
/// <param name="Height">Video height in pixels; 0 for audio.</param>
/// <param name="Codecs">RFC 6381 codec string.</param>
internal sealed record Rendition(string Id, int Bandwidth, int Width, int Height, string Codecs)
{
    public bool IsAudio => Width == 0;

    /// <summary>The synthetic ladder: four video rungs (25 fps H.264) and one AAC-LC stereo rendition, last.</summary>
    public static IReadOnlyList<Rendition> Ladder { get; } =
    [
        new("1080p", 5_000_000, 1920, 1080, "avc1.640028"),
        new("720p", 3_000_000, 1280, 720, "avc1.64001f"),
        new("480p", 1_500_000, 854, 480, "avc1.64001e"),
        new("360p", 800_000, 640, 360, "avc1.64001e"),
        new("audio", 128_000, 0, 0, "mp4a.40.2"),
    ];

    /// <summary>The ffmpeg ladder: kept small so real encoders stay cheap on a shared machine.</summary>
    public static IReadOnlyList<Rendition> FfmpegLadder { get; } =
    [
        new("360p", 800_000, 640, 360, "avc1.64001e"),
        new("180p", 300_000, 320, 180, "avc1.64000d"),
        new("audio", 96_000, 0, 0, "mp4a.40.2"),
    ];

    /// <summary>Bytes of one segment of <paramref name="duration"/>: bitrate times duration, whole TS packets.</summary>
    public int SegmentBytes(TimeSpan duration)
    {
        var bytes = (long)(Bandwidth * duration.TotalSeconds / 8);
        return (int)Math.Max(188, bytes - (bytes % 188));
    }
}
