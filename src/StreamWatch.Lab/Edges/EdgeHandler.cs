using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using StreamWatch.Lab.Faults;
using StreamWatch.Lab.Ffmpeg;
using StreamWatch.Lab.Segments;
using StreamWatch.Lab.Streams;

namespace StreamWatch.Lab.Edges;

/// <summary>
/// One request to a CDN edge of the synthetic origin: resolves the resource, folds in the edge's faults
/// and cache lag, and answers with the headers a real CDN sends (Date, Server, Via, X-Cache, Age, X-Request-Id).
/// </summary>
internal sealed partial class EdgeHandler
{
    private static readonly StringValues SegmentCacheControl = "public, max-age=31536000, immutable";
    private static readonly StringValues NoStore = "no-store";
    private readonly LabCatalog _catalog;
    private readonly SyntheticOrigin _origin;
    private readonly Timeline _timeline;
    private readonly FaultStore _faults;
    private readonly TimeProvider _time;
    private readonly ILogger<EdgeHandler> _logger;
    private readonly EdgeIdentity[] _edges;
    private readonly StringValues _playlistCacheControl;
    private readonly StringValues _multivariantCacheControl;
    private readonly long _segmentMilliseconds;
    private readonly DateHeader _date;
    private readonly FfmpegOrigin _ffmpeg;

    public EdgeHandler(LabCatalog catalog, SyntheticOrigin origin, FfmpegOrigin ffmpeg, FaultStore faults, TimeProvider time, IOptions<LabOptions> options, ILogger<EdgeHandler> logger)
    {
        _ffmpeg = ffmpeg;
        _catalog = catalog;
        _origin = origin;
        _timeline = origin.Timeline;
        _faults = faults;
        _time = time;
        _logger = logger;
        _date = new DateHeader();
        // The origin is the last "edge": it answers like the CDNs but caches nothing (LabCatalog.OriginIndex).
        _edges = [.. catalog.Cdns.Select(c => new EdgeIdentity(c, options.Value.EdgeCache.TryGetValue(c, out var ttl) ? ttl : TimeSpan.Zero)), EdgeIdentity.Origin];
        // RFC 8216bis 6.2.2 leaves freshness to the server; half a target duration keeps an edge at most that far behind.
        var target = _timeline.TargetDurationSeconds;
        _playlistCacheControl = $"public, max-age={Math.Max(1, target / 2)}";
        _multivariantCacheControl = $"public, max-age={target}";
        _segmentMilliseconds = _timeline.SegmentTicks / TimeSpan.TicksPerMillisecond;
    }

    public async Task HandleAsync(HttpContext context, string cdn, string stream, string path)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        if (!_catalog.TryGetEdge(cdn, out var cdnIndex) || !_catalog.TryGetStream(stream, out var labStream))
        {
            NotFound(response);
            return;
        }

        var edge = _edges[cdnIndex];
        var now = _time.GetUtcNow();
        var headers = response.Headers;
        headers.Date = _date.For(now);
        headers.Server = edge.Server;
        headers.Via = edge.Via;
        headers["X-Served-By"] = edge.ServedBy;
        headers["X-Request-Id"] = context.TraceIdentifier;
        headers.AccessControlAllowOrigin = "*";

        if (_ffmpeg.IsEnabled)
        {
            await ServeFileAsync(context, edge, cdnIndex, labStream, path, now).ConfigureAwait(false);
            return;
        }

        var resource = OriginResource.Parse(path, _catalog, _segmentMilliseconds);
        if (resource.Kind == ResourceKind.NotFound)
        {
            NotFound(response);
            return;
        }

        var view = EdgeView(edge, resource, now, headers);
        var faults = EvaluateFaults(cdnIndex, labStream.Index, resource, now, ref view);
        if (await TryEndWithFaultAsync(response, edge, faults, aborted).ConfigureAwait(false))
        {
            return;
        }

        if (resource.Kind == ResourceKind.MediaPlaylist && _timeline.LowLatency
            && (context.Request.Query.ContainsKey("_HLS_msn") || context.Request.Query.ContainsKey("_HLS_part")))
        {
            if (await BlockForPlaylistAsync(context, edge, cdnIndex, labStream.Index, resource, view).ConfigureAwait(false) is not { } held)
            {
                return;
            }

            view = held;
        }

        if (faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(faults.Delay, _time, aborted).ConfigureAwait(false);
        }

        if (resource.IsManifest)
        {
            await WriteManifestAsync(response, labStream, resource, view, faults, aborted).ConfigureAwait(false);
        }
        else
        {
            await WriteSegmentAsync(response, resource, now, faults, aborted).ConfigureAwait(false);
        }
    }

    private async Task WriteManifestAsync(HttpResponse response, LabStream stream, OriginResource resource, ManifestView view, DeliveryFaults faults, CancellationToken aborted)
    {
        var manifest = _origin.Render(stream, resource, view);
        var headers = response.Headers;
        headers.ContentType = resource.Kind is ResourceKind.Mpd or ResourceKind.MpdNumber ? "application/dash+xml" : "application/vnd.apple.mpegurl";
        headers.CacheControl = resource.Kind == ResourceKind.Multivariant ? _multivariantCacheControl : _playlistCacheControl;
        headers.LastModified = manifest.LastModified.ToString("R", CultureInfo.InvariantCulture);
        if (faults.Garbage is null && faults.Truncate is null)
        {
            headers.ETag = manifest.ETag;
            if (response.HttpContext.Request.Headers.IfNoneMatch == manifest.ETag)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        ReadOnlyMemory<byte> body = manifest.Body;
        if (faults.Garbage is { } garbage)
        {
            body = Garbage(garbage, body.Length);
        }

        if (faults.Truncate is { } truncate)
        {
            body = body[..TruncatedLength(truncate, body.Span)];
        }

        response.ContentLength = body.Length;
        await WriteThrottledAsync(response, body, faults.BytesPerSecond, aborted).ConfigureAwait(false);
    }

    private async Task WriteSegmentAsync(HttpResponse response, OriginResource resource, DateTimeOffset now, DeliveryFaults faults, CancellationToken aborted)
    {
        var position = _timeline.PositionAt(now);
        var n = resource.Segment;
        var published = resource.Kind switch
        {
            ResourceKind.DashInit => true,
            ResourceKind.HlsPart => resource.Part < _timeline.PartsPerSegment && _timeline.IsPublished(n, resource.Part, now),
            _ => n < position.Completed,
        };
        // Segments stay fetchable for two windows after they leave the playlist (players and probes lag).
        if (!published || (resource.Kind != ResourceKind.DashInit && n < position.Completed - (2 * _timeline.Window) - 1))
        {
            NotFound(response);
            return;
        }

        var rendition = _catalog.Renditions[resource.RenditionIndex];
        var headers = response.Headers;
        headers.CacheControl = SegmentCacheControl;
        var dash = resource.Kind is ResourceKind.DashInit or ResourceKind.DashSegment;
        headers.ContentType = !dash ? "video/mp2t" : rendition.IsAudio ? "audio/mp4" : "video/mp4";
        if (resource.Kind == ResourceKind.DashInit)
        {
            await WriteBodyAsync(response, SyntheticMedia.InitSegment, faults, aborted).ConfigureAwait(false);
            return;
        }

        var length = rendition.SegmentBytes(_timeline.SegmentDuration);
        if (resource.Kind == ResourceKind.HlsPart)
        {
            length /= _timeline.PartsPerSegment;
            length -= length % SyntheticMedia.TsPacket;
        }

        var full = length;
        if (faults.Truncate is { } truncate)
        {
            length = truncate.Bytes >= 0 ? Math.Min(truncate.Bytes, length) : length / 2;
        }

        response.ContentLength = length;
        var writer = response.BodyWriter;
        var written = 0;
        if (dash && faults.Garbage is null)
        {
            var header = writer.GetSpan(SyntheticMedia.Mp4HeaderBytes);
            SyntheticMedia.WriteMp4Header(header, full);
            var take = Math.Min(SyntheticMedia.Mp4HeaderBytes, length);
            writer.Advance(take);
            written = take;
        }

        var chunk = faults.Garbage is not null ? GarbageChunk.Value : dash ? SyntheticMedia.ZeroChunk : SyntheticMedia.TsChunk;
        var chunkSize = faults.BytesPerSecond > 0 ? (int)Math.Clamp(faults.BytesPerSecond / 10, 1, chunk.Length) : chunk.Length;
        while (written < length)
        {
            var take = Math.Min(chunkSize, length - written);
            var result = await writer.WriteAsync(chunk[..take], aborted).ConfigureAwait(false);
            written += take;
            if (result.IsCanceled || result.IsCompleted)
            {
                return;
            }

            if (faults.BytesPerSecond > 0 && written < length)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)take / faults.BytesPerSecond), _time, aborted).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteBodyAsync(HttpResponse response, ReadOnlyMemory<byte> body, DeliveryFaults faults, CancellationToken aborted)
    {
        if (faults.Garbage is { } garbage)
        {
            body = Garbage(garbage, body.Length);
        }

        if (faults.Truncate is { } truncate)
        {
            body = body[..TruncatedLength(truncate, body.Span)];
        }

        response.ContentLength = body.Length;
        await WriteThrottledAsync(response, body, faults.BytesPerSecond, aborted).ConfigureAwait(false);
    }

    private async Task WriteThrottledAsync(HttpResponse response, ReadOnlyMemory<byte> body, long bytesPerSecond, CancellationToken aborted)
    {
        if (bytesPerSecond <= 0)
        {
            await response.BodyWriter.WriteAsync(body, aborted).ConfigureAwait(false);
            return;
        }

        // Tenths of a second: smooth enough to look like a congested link, coarse enough to stay cheap.
        var step = (int)Math.Clamp(bytesPerSecond / 10, 1, int.MaxValue);
        for (var offset = 0; offset < body.Length; offset += step)
        {
            var take = Math.Min(step, body.Length - offset);
            await response.BodyWriter.WriteAsync(body.Slice(offset, take), aborted).ConfigureAwait(false);
            await response.BodyWriter.FlushAsync(aborted).ConfigureAwait(false);
            if (offset + take < body.Length)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)take / bytesPerSecond), _time, aborted).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The manifest view an edge serves at <paramref name="now"/>: with an edge cache, the copy it refetched at the start
    /// of the current TTL bucket (and the Age / X-Cache headers saying so).
    /// </summary>
    private ManifestView EdgeView(EdgeIdentity edge, OriginResource resource, DateTimeOffset now, IHeaderDictionary headers)
    {
        if (!resource.IsManifest || edge.CacheTtl <= TimeSpan.Zero)
        {
            headers["X-Cache"] = "MISS";
            return new ManifestView(now);
        }

        var fetchedAt = now - TimeSpan.FromTicks((now - _timeline.Epoch).Ticks % edge.CacheTtl.Ticks);
        var age = (long)(now - fetchedAt).TotalSeconds;
        headers.Age = age.ToString(CultureInfo.InvariantCulture);
        headers["X-Cache"] = fetchedAt < now ? "HIT" : "MISS";
        return new ManifestView(fetchedAt);
    }

    /// <summary>
    /// LL-HLS blocking playlist reload (RFC 8216bis 6.2.5.2): holds the request until the playlist <em>as this edge serves
    /// it</em> (faults and edge cache included) holds media sequence <c>_HLS_msn</c> (and part <c>_HLS_part</c>) or later,
    /// and returns the view to render then. A directive more than two segments past the playlist's last one, or a part
    /// past the Advance Part Limit, is a 400; a playlist that does not get there within three target durations (a frozen
    /// edge) is a 503. Returns null when it answered already.
    /// </summary>
    /// <remarks>
    /// The directive is in the served numbering (a sequence fault's offset applies), and the playlist is looked at again
    /// at every part boundary, so a frozen edge never answers a held request with fresh content and a fault that starts
    /// or ends during the hold takes effect. A part index past the last part of its segment asks for "or later": the
    /// first part of the next segment.
    /// </remarks>
    private async Task<ManifestView?> BlockForPlaylistAsync(HttpContext context, EdgeIdentity edge, int cdnIndex, int streamIndex, OriginResource resource, ManifestView view)
    {
        var query = context.Request.Query;
        // _HLS_part without _HLS_msn is a client error (RFC 8216bis 6.2.5.2).
        if (!long.TryParse(query["_HLS_msn"], NumberStyles.None, CultureInfo.InvariantCulture, out var msn)
            || (query.ContainsKey("_HLS_part") && !int.TryParse(query["_HLS_part"], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        var part = query.ContainsKey("_HLS_part") ? int.Parse(query["_HLS_part"]!, CultureInfo.InvariantCulture) : -1;
        var perSegment = _timeline.PartsPerSegment;
        var started = _time.GetUtcNow();
        var limit = started + TimeSpan.FromSeconds(3 * _timeline.TargetDurationSeconds);
        for (var first = true; ; first = false)
        {
            // The origin's own segment index of the requested one, and "part N or later" folded into the next segment.
            var segment = msn + view.FirstSegment - view.SequenceOffset;
            var index = part;
            if (index >= perSegment)
            {
                segment++;
                index = 0;
            }

            var position = _timeline.PositionAt(view.RenderAt);
            if (first && (msn > position.Completed - view.FirstSegment + view.SequenceOffset + 1
                || (index >= 0 && (segment * perSegment) + index - ((position.Completed * perSegment) + position.Parts - 1) > AdvancePartLimit)))
            {
                // More than two segments after the playlist's last one, or too many parts ahead of its last part.
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return null;
            }

            if (segment < position.Completed || (index >= 0 && segment == position.Completed && index < position.Parts))
            {
                context.Response.Headers.Date = _date.For(_time.GetUtcNow());
                return view;
            }

            var now = _time.GetUtcNow();
            if (now >= limit)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.CacheControl = NoStore;
                return null;
            }

            // What this edge serves can change at the next part boundary (or when a fault starts or ends, seen then).
            var sinceEpoch = (now - _timeline.Epoch).Ticks;
            var boundary = _timeline.Epoch + TimeSpan.FromTicks(((sinceEpoch / _timeline.PartTicks) + 1) * _timeline.PartTicks);
            await Task.Delay((boundary < limit ? boundary : limit) - now, _time, context.RequestAborted).ConfigureAwait(false);
            now = _time.GetUtcNow();
            view = EdgeView(edge, resource, now, context.Response.Headers);
            EvaluateFaults(cdnIndex, streamIndex, resource, now, ref view);
        }
    }

    /// <summary>
    /// RFC 8216bis 6.2.5.2's Advance Part Limit: how many parts past the playlist's last one a blocking request may ask
    /// for, three divided by the part target when that is under a second, else three.
    /// </summary>
    private int AdvancePartLimit => _timeline.PartTicks < TimeSpan.TicksPerSecond ? (int)(3 * TimeSpan.TicksPerSecond / _timeline.PartTicks) : 3;

    private async Task HoldUntilClientGivesUpAsync(CancellationToken aborted)
    {
        LogHolding(_logger);
        try
        {
            // An awaited delay, not a blocked thread: thousands of held requests cost only their sockets.
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, which is the point.
        }
    }

    private DeliveryFaults EvaluateFaults(int cdnIndex, int streamIndex, OriginResource resource, DateTimeOffset now, ref ManifestView view)
    {
        var snapshot = _faults.Snapshot;
        return snapshot.Length == 0 ? default : DeliveryFaults.Evaluate(snapshot, cdnIndex, _catalog.OriginIndex, streamIndex, resource, now, _timeline, ref view);
    }

    // The faults that end a request before any body (a held connection, a dropped rendition, an injected
    // error) answer the same in synthetic and ffmpeg mode. True when the response is complete.
    private async Task<bool> TryEndWithFaultAsync(HttpResponse response, EdgeIdentity edge, DeliveryFaults faults, CancellationToken aborted)
    {
        if (faults.Timeout is not null)
        {
            await HoldUntilClientGivesUpAsync(aborted).ConfigureAwait(false);
            return true;
        }

        if (faults.RenditionDropped)
        {
            NotFound(response);
            return true;
        }

        if (faults.HttpError is { } error)
        {
            response.StatusCode = error.Status;
            response.Headers.CacheControl = NoStore;
            response.Headers.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync($"{error.Status} from {edge.Name} (Lab fault {error.Id})\n", aborted).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    private static void NotFound(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status404NotFound;
        response.Headers.CacheControl = NoStore;
    }

    private static byte[] Garbage(Fault fault, int length)
    {
        var bytes = new byte[Math.Max(length, 1)];
        lock (fault.Random)
        {
            fault.Random.NextBytes(bytes);
        }

        return bytes;
    }

    /// <summary>Where a truncate fault cuts: at its byte count, or in the middle of the line at the body's midpoint.</summary>
    internal static int TruncatedLength(Fault fault, ReadOnlySpan<byte> body)
    {
        if (fault.Bytes >= 0)
        {
            return Math.Min(fault.Bytes, body.Length);
        }

        var cut = body.Length / 2;
        while (cut > 0 && cut < body.Length - 1 && (body[cut - 1] == (byte)'\n' || body[cut] == (byte)'\n'))
        {
            cut++;
        }

        return cut;
    }

    private static readonly Lazy<ReadOnlyMemory<byte>> GarbageChunk = new(() =>
    {
        var bytes = new byte[64 * 1024];
        new Random(1).NextBytes(bytes);
        return bytes;
    });
}
