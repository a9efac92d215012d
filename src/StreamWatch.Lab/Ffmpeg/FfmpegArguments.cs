using System.Globalization;

namespace StreamWatch.Lab.Ffmpeg;

/// <summary>
/// The ffmpeg command line of one live stream: a test pattern and a tone, encoded on a small ladder
/// (640x360 and 320x180, H.264 veryfast, AAC), packaged live twice from the same sources:
/// HLS by the hls muxer (sliding window, PROGRAM-DATE-TIME) and DASH by the dash muxer (SegmentTimeline).
/// Everything lands in the stream's folder, whose layout matches the Lab's URL paths.
/// </summary>
internal static class FfmpegArguments
{
    public static IReadOnlyList<string> For(FfmpegSettings settings)
    {
        var seconds = ((int)settings.SegmentDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var window = settings.WindowSegments.ToString(CultureInfo.InvariantCulture);
        // Closed GOPs of exactly one segment (25 fps), so every segment starts with an IDR frame.
        var gop = ((int)settings.SegmentDuration.TotalSeconds * 25).ToString(CultureInfo.InvariantCulture);
        var fmp4 = settings.SegmentType == "fmp4";
        var args = new List<string>
        {
            "-hide_banner", "-nostdin", "-loglevel", "warning",
            "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
            "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-filter_complex", "[0:v]split=4[h0][h1][d0][d1];[h1]scale=320:180[h1s];[d1]scale=320:180[d1s]",
        };

        void Encoders()
        {
            args.AddRange([
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-threads", "1",
                "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
                "-b:v:0", "800k", "-maxrate:v:0", "880k", "-bufsize:v:0", "1600k",
                "-b:v:1", "300k", "-maxrate:v:1", "330k", "-bufsize:v:1", "600k",
                "-c:a", "aac", "-b:a", "96k", "-ac", "2", "-ar", "48000",
            ]);
        }

        // HLS: 360p/, 180p/ and audio/ playlists under master.m3u8.
        args.AddRange(["-map", "[h0]", "-map", "[h1s]", "-map", "1:a"]);
        Encoders();
        args.AddRange([
            "-f", "hls", "-hls_time", seconds, "-hls_list_size", window,
            "-hls_flags", "delete_segments+program_date_time+independent_segments",
            // Segments outlive the window by another window, so a lagging or frozen edge still finds them.
            "-hls_delete_threshold", window,
            // Media sequence from the wall clock, so a restarted encoder keeps counting up rather than starting at 0.
            "-hls_start_number_source", "epoch",
            "-hls_segment_type", fmp4 ? "fmp4" : "mpegts",
        ]);
        if (fmp4)
        {
            args.AddRange(["-hls_fmp4_init_filename", "init.mp4"]);
        }

        args.AddRange([
            "-master_pl_name", "master.m3u8",
            "-var_stream_map", "v:0,agroup:aud,name:360p v:1,agroup:aud,name:180p a:0,agroup:aud,name:audio,default:yes,language:en",
            "-hls_segment_filename", fmp4 ? "%v/seg-%d.m4s" : "%v/seg-%d.ts",
            "%v/index.m3u8",
        ]);

        // DASH: manifest.mpd with dash/ segments.
        args.AddRange(["-map", "[d0]", "-map", "[d1s]", "-map", "1:a"]);
        Encoders();
        args.AddRange([
            "-f", "dash", "-seg_duration", seconds, "-window_size", window, "-extra_window_size", window,
            "-use_timeline", "1", "-use_template", "1", "-streaming", "0", "-remove_at_exit", "0",
            "-adaptation_sets", "id=0,streams=v id=1,streams=a",
            "-init_seg_name", "dash/init-$RepresentationID$.m4s",
            "-media_seg_name", "dash/chunk-$RepresentationID$-$Number%05d$.m4s",
            "manifest.mpd",
        ]);
        return args;
    }
}
