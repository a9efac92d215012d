using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using StreamWatch.Lab.Streams;

namespace StreamWatch.Lab.Ffmpeg;

/// <summary>
/// ffmpeg mode's origin: one supervised ffmpeg per stream writing live HLS and DASH into
/// <c>{WorkingDirectory}/{stream}/</c>. An encoder that dies is logged with its stderr tail and restarted
/// after <see cref="FfmpegSettings.RestartDelay"/>; on shutdown the whole process tree is killed.
/// Does nothing in synthetic mode.
/// </summary>
internal sealed partial class FfmpegOrigin(IOptions<LabOptions> options, LabCatalog catalog, TimeProvider time, ILogger<FfmpegOrigin> logger)
    : BackgroundService
{
    // Manifests whose recent versions are kept, so edges can serve them as they were (stale, lag, reset).
    private static readonly string[] Tracked = ["master.m3u8", "360p/index.m3u8", "180p/index.m3u8", "audio/index.m3u8", "manifest.mpd"];
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<string, EncoderState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Stream, string Path), ManifestHistory> _history = new();
    private readonly FfmpegSettings _settings = options.Value.Ffmpeg;
    private string? _root;
    private bool _ownsRoot;

    public bool IsEnabled { get; } = options.Value.Mode == LabMode.Ffmpeg;

    /// <summary>The working folder (one sub-folder per stream); null until started.</summary>
    public string? Root => _root;

    public IReadOnlyDictionary<string, EncoderState> States => _states;

    /// <summary>The kept versions of a tracked manifest, or null for other paths.</summary>
    public ManifestHistory? HistoryOf(string stream, string path) => _history.GetValueOrDefault((stream, path));

    /// <summary>The file behind <paramref name="path"/> of <paramref name="stream"/>, or null when the path is not a plain relative file path.</summary>
    public string? FileOf(string stream, string path)
    {
        if (_root is null || path.Length == 0 || path.Length > 200)
        {
            return null;
        }

        foreach (var c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
            {
                return null;
            }
        }

        if (path.Contains("..", StringComparison.Ordinal) || path.StartsWith('/') || path.Contains("//", StringComparison.Ordinal))
        {
            return null;
        }

        return Path.Combine(_root, stream, path);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled)
        {
            return;
        }

        _ownsRoot = string.IsNullOrEmpty(_settings.WorkingDirectory);
        _root = _ownsRoot ? Directory.CreateTempSubdirectory("streamwatch-lab-").FullName : Path.GetFullPath(_settings.WorkingDirectory!);
        LogStarting(logger, catalog.Streams.Count, _root);
        foreach (var stream in catalog.Streams)
        {
            foreach (var path in Tracked)
            {
                _history[(stream.Id, path)] = new ManifestHistory();
            }
        }

        var encoders = catalog.Streams.Select(s => SuperviseAsync(s.Id, stoppingToken)).Append(SampleAsync(stoppingToken)).ToArray();
        await Task.WhenAll(encoders).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_ownsRoot && _root is not null)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a dying encoder; the OS temp cleaner takes it.
            }
        }
    }

    // ffmpeg replaces its manifests by rename, so a read sees a whole old or a whole new version.
    private async Task SampleAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SampleEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = time.GetUtcNow();
                foreach (var ((stream, path), history) in _history)
                {
                    try
                    {
                        history.Observe(now, await File.ReadAllBytesAsync(Path.Combine(_root!, stream, path), stoppingToken).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // Not written yet (encoder starting) or being replaced: the next tick reads it.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SuperviseAsync(string stream, CancellationToken stoppingToken)
    {
        var state = _states.GetOrAdd(stream, _ => new EncoderState());
        var folder = Path.Combine(_root!, stream);
        foreach (var sub in new[] { "dash", "360p", "180p", "audio" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var exit = await RunOnceAsync(stream, folder, state, stoppingToken).ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            state.LastExitCode = exit;
            Interlocked.Increment(ref state.Restarts);
            LogEncoderDied(logger, stream, exit ?? -1, state.Tail);
            try
            {
                await Task.Delay(_settings.RestartDelay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int?> RunOnceAsync(string stream, string folder, EncoderState state, CancellationToken stoppingToken)
    {
        var start = new ProcessStartInfo(_settings.Path)
        {
            WorkingDirectory = folder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in FfmpegArguments.For(_settings))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                state.Keep(line);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            state.Keep(ex.Message);
            return null;
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        state.ProcessId = process.Id;
        state.Running = true;
        LogEncoderStarted(logger, stream, process.Id);
        try
        {
            await process.WaitForExitAsync(stoppingToken).ConfigureAwait(false);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                // Already gone, or not dying: nothing more a shutdown can do.
            }

            return null;
        }
        finally
        {
            state.Running = false;
            state.ProcessId = 0;
        }
    }
}
