using StreamWatch.Media;

namespace StreamWatch.Cli.Fetching;

/// <summary>How manifests are fetched over HTTP and read from disk.</summary>
public sealed record FetchOptions
{
    /// <summary>The defaults used by the <c>streamwatch</c> command.</summary>
    public static FetchOptions Default { get; } = new();

    /// <summary>Longest wait for a TCP (and TLS) connection to be established; defaults to 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for a whole request, from sending it to the last body byte; defaults to 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most HTTP redirects followed for one request; defaults to 5.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>
    /// Size bounds; <see cref="MediaLimits.MaxManifestBytes"/> (bytes, after decompression) also bounds
    /// every body read from the network or from disk. Defaults to <see cref="MediaLimits.Default"/>.
    /// </summary>
    public MediaLimits Limits { get; init; } = MediaLimits.Default;
}
