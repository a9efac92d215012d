namespace StreamWatch.Cli.Fetching;

/// <summary>Why a manifest could not be fetched or read.</summary>
public enum FetchFailureKind
{
    /// <summary>The host name did not resolve.</summary>
    NameResolution,

    /// <summary>No connection could be made (refused, unreachable, reset).</summary>
    Connection,

    /// <summary>The TLS handshake failed (certificate, protocol).</summary>
    Tls,

    /// <summary>The server answered with a status other than 2xx.</summary>
    HttpStatus,

    /// <summary>The connection or the whole request took longer than allowed.</summary>
    Timeout,

    /// <summary>The body is larger than <see cref="StreamWatch.Media.MediaLimits.MaxManifestBytes"/>.</summary>
    TooLarge,

    /// <summary>The file does not exist.</summary>
    FileNotFound,

    /// <summary>The file or the response body could not be read.</summary>
    Unreadable,

    /// <summary>The address is neither http(s) nor a file.</summary>
    UnsupportedScheme,

    /// <summary>Any other transport failure.</summary>
    Other,
}
