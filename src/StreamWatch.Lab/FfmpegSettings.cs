namespace StreamWatch.Lab;

/// <summary>Settings of ffmpeg mode (<c>Lab:Ffmpeg:Xxx</c>).</summary>
public sealed class FfmpegSettings
{
    /// <summary>The ffmpeg executable; defaults to <c>ffmpeg</c> on the PATH.</summary>
    public string Path { get; set; } = "ffmpeg";

    /// <summary>Folder the encoders write into, one sub-folder per stream; a fresh temporary folder when empty.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>HLS segment container: <c>ts</c> (default) or <c>fmp4</c>.</summary>
    public string SegmentType { get; set; } = "ts";

    /// <summary>HLS and DASH segment duration; defaults to 2 seconds (whole seconds).</summary>
    public TimeSpan SegmentDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Segments kept in each live playlist and MPD window; defaults to 6.</summary>
    public int WindowSegments { get; set; } = 6;

    /// <summary>Wait before restarting an encoder that died; defaults to 2 seconds.</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(2);
}
