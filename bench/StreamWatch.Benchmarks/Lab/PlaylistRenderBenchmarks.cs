using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using StreamWatch.Lab;
using StreamWatch.Lab.Streams;

namespace StreamWatch.Benchmarks.Lab;

/// <summary>
/// The Lab's hot path: a media playlist request. <see cref="CachedPlaylist"/> is what nearly every poll
/// costs (the window moves once per segment); <see cref="RenderPlaylist"/> is the once-per-segment render.
/// </summary>
[MemoryDiagnoser]
public class PlaylistRenderBenchmarks
{
    private SyntheticOrigin _origin = null!;
    private LabStream _stream = null!;
    private DateTimeOffset _at;
    private int _tick;

    [Params(false, true)]
    public bool LowLatency { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new LabOptions { Streams = 1000, LowLatency = LowLatency, AdBreakInterval = TimeSpan.FromMinutes(1) });
        var catalog = new LabCatalog(options);
        _origin = new SyntheticOrigin(new Timeline(options), catalog);
        _stream = catalog.Streams[0];
        _at = new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);
    }

    [Benchmark(Baseline = true)]
    public int CachedPlaylist()
        => _origin.Render(_stream, new OriginResource(ResourceKind.MediaPlaylist, 1), new ManifestView(_at)).Body.Length;

    [Benchmark]
    public int RenderPlaylist()
    {
        // A fresh window position every call, so nothing is served from the cache.
        _tick++;
        return _origin.Render(_stream, new OriginResource(ResourceKind.MediaPlaylist, 1), new ManifestView(_at + TimeSpan.FromSeconds(2 * _tick))).Body.Length;
    }

    [Benchmark]
    public int RenderMpd()
    {
        _tick++;
        return _origin.Render(_stream, new OriginResource(ResourceKind.Mpd), new ManifestView(_at + TimeSpan.FromSeconds(2 * _tick))).Body.Length;
    }
}
