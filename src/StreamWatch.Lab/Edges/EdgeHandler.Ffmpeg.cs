using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using StreamWatch.Lab.Ffmpeg;
using StreamWatch.Lab.Streams;

namespace StreamWatch.Lab.Edges;

/// <summary>
/// ffmpeg mode: every CDN edge serves the same encoder output files, each through its own faults and
/// edge cache. Stale and lag serve the manifest as the encoder had written it at the earlier instant (from
/// <see cref="Ffmpeg.ManifestHistory"/>); sequence, clock-skew and storm faults rewrite ffmpeg's text
/// (<see cref="ManifestRewriter"/>); drop-rendition 404s the rendition and takes it out of the multivariant playlist.
/// </summary>
internal sealed partial class EdgeHandler
{
    // Edge-cache copies, keyed by (cdn, stream, path).
    private readonly ConcurrentDictionary<(int Cdn, string Stream, string Path), (byte[] Body, DateTimeOffset FetchedAt)> _edgeCopies = new();

    private async Task ServeFileAsync(HttpContext context, EdgeIdentity edge, int cdnIndex, LabStream stream, string path, DateTimeOffset now)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        var file = _ffmpeg.FileOf(stream.Id, path);
        var resource = ClassifyFile(path);
        if (file is null || resource.Kind == ResourceKind.NotFound)
        {
            NotFound(response);
            return;
        }

        var view = new ManifestView(now);
        var faults = EvaluateFaults(cdnIndex, stream.Index, resource, now, ref view);
        if (await TryEndWithFaultAsync(response, edge, faults, aborted).ConfigureAwait(false))
        {
            return;
        }

        byte[]? body;
        response.Headers["X-Cache"] = "MISS";
        var history = resource.IsManifest ? _ffmpeg.HistoryOf(stream.Id, path) : null;
        if (history is not null && view.RenderAt < now)
        {
            // Stale or lag: the version the encoder had written at that instant.
            body = history.At(view.RenderAt);
        }
        else if (resource.IsManifest && edge.CacheTtl > TimeSpan.Zero)
        {
            var key = (cdnIndex, stream.Id, path);
            if (_edgeCopies.TryGetValue(key, out var copy) && now - copy.FetchedAt < edge.CacheTtl)
            {
                body = copy.Body;
                response.Headers["X-Cache"] = "HIT";
                response.Headers.Age = ((long)(now - copy.FetchedAt).TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                body = await ReadAsync(file, aborted).ConfigureAwait(false);
                if (body is not null)
                {
                    _edgeCopies[key] = (body, now);
                }
            }
        }
        else
        {
            body = await ReadAsync(file, aborted).ConfigureAwait(false);
        }

        if (body is not null && !view.IsCacheable)
        {
            if (resource.Kind == ResourceKind.MediaPlaylist)
            {
                var resetBase = view.ResetAt is { } resetAt && history?.At(resetAt) is { } atReset ? ManifestRewriter.LastMediaSequence(atReset) : null;
                body = ManifestRewriter.Hls(body, view, resetBase);
            }
            else if (resource.Kind == ResourceKind.Mpd)
            {
                body = ManifestRewriter.Mpd(body, view);
            }
        }

        if (body is null)
        {
            NotFound(response);
            return;
        }

        if (resource.Kind == ResourceKind.Multivariant && view.DroppedRenditions != 0)
        {
            body = WithoutRenditions(body, view);
        }

        if (faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(faults.Delay, _time, aborted).ConfigureAwait(false);
        }

        var headers = response.Headers;
        headers.ContentType = ContentTypeOf(path, resource);
        headers.CacheControl = resource.IsManifest ? _playlistCacheControl : SegmentCacheControl;
        await WriteBodyAsync(response, body, faults, aborted).ConfigureAwait(false);
    }

    private OriginResource ClassifyFile(string path)
    {
        if (path == "master.m3u8")
        {
            return new(ResourceKind.Multivariant);
        }

        if (path == "manifest.mpd")
        {
            return new(ResourceKind.Mpd);
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return OriginResource.NotFound;
        }

        var folder = path[..slash];
        var file = path[(slash + 1)..];
        if (folder == "dash")
        {
            // ffmpeg names DASH representations by output stream index: 0 = 360p, 1 = 180p, 2 = audio.
            var id = file.StartsWith("init-", StringComparison.Ordinal) ? file[5..] : file.StartsWith("chunk-", StringComparison.Ordinal) ? file[6..] : string.Empty;
            var dash = id.IndexOfAny(['-', '.']);
            return dash > 0 && int.TryParse(id[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _catalog.Renditions.Count
                ? new(ResourceKind.DashSegment, index)
                : OriginResource.NotFound;
        }

        if (!_catalog.TryGetRendition(folder, out var rendition))
        {
            return OriginResource.NotFound;
        }

        var renditionIndex = IndexOf(rendition);
        return file == "index.m3u8" ? new(ResourceKind.MediaPlaylist, renditionIndex) : new(ResourceKind.HlsSegment, renditionIndex);
    }

    private int IndexOf(Rendition rendition)
    {
        for (var i = 0; i < _catalog.Renditions.Count; i++)
        {
            if (ReferenceEquals(_catalog.Renditions[i], rendition))
            {
                return i;
            }
        }

        return -1;
    }

    private string ContentTypeOf(string path, OriginResource resource)
    {
        if (path.EndsWith(".m3u8", StringComparison.Ordinal))
        {
            return "application/vnd.apple.mpegurl";
        }

        if (path.EndsWith(".mpd", StringComparison.Ordinal))
        {
            return "application/dash+xml";
        }

        if (path.EndsWith(".ts", StringComparison.Ordinal))
        {
            return "video/mp2t";
        }

        return resource.RenditionIndex >= 0 && _catalog.Renditions[resource.RenditionIndex].IsAudio ? "audio/mp4" : "video/mp4";
    }

    private static async Task<byte[]?> ReadAsync(string file, CancellationToken aborted)
    {
        try
        {
            return await File.ReadAllBytesAsync(file, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    // Drops a rendition from ffmpeg's multivariant playlist: its STREAM-INF and URI lines, or its EXT-X-MEDIA line.
    private byte[] WithoutRenditions(byte[] body, ManifestView view)
    {
        var lines = Encoding.UTF8.GetString(body).Split('\n');
        var kept = new StringBuilder(body.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var dropped = false;
            for (var r = 0; r < _catalog.Renditions.Count && !dropped; r++)
            {
                if (!view.IsDropped(r))
                {
                    continue;
                }

                var uri = _catalog.Renditions[r].Id + "/index.m3u8";
                dropped = (line.StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal) && i + 1 < lines.Length && lines[i + 1].Trim() == uri)
                    || (line.StartsWith("#EXT-X-MEDIA:", StringComparison.Ordinal) && line.Contains($"URI=\"{uri}\"", StringComparison.Ordinal));
                if (dropped && line.StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal))
                {
                    i++; // its URI line goes too
                }
            }

            if (!dropped && i < lines.Length)
            {
                kept.Append(line);
                if (i < lines.Length - 1)
                {
                    kept.Append('\n');
                }
            }
        }

        return Encoding.UTF8.GetBytes(kept.ToString());
    }
}
