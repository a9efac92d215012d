namespace StreamWatch.Probe.Measurement;

/// <summary>
/// The <c>kind</c> label of <c>streamwatch_probe_errors_total</c> and the <c>errorKind</c> of the targets API: finer than
/// the contract's <c>FetchOutcome</c> (whose name is the <c>result</c> label), so hostile or broken servers are told apart.
/// A fixed, small set: never built from server input.
/// </summary>
internal static class ErrorKinds
{
    /// <summary>A non-2xx status (not a redirect).</summary>
    public const string HttpError = "http_error";

    /// <summary>Redirects went on past <c>Probe:MaxRedirects</c> (a loop, or a chain no player follows).</summary>
    public const string RedirectLoop = "redirect_loop";

    /// <summary>No complete response within <c>Probe:RequestTimeout</c>: no answer, a slow trickle, a hung body.</summary>
    public const string Timeout = "timeout";

    /// <summary>No connection: DNS failure, refused, unreachable.</summary>
    public const string ConnectionError = "connection_error";

    /// <summary>The connection broke after the exchange began (reset, or closed mid-headers or mid-body).</summary>
    public const string ConnectionReset = "connection_reset";

    /// <summary>TLS handshake or certificate validation failed.</summary>
    public const string TlsError = "tls_error";

    /// <summary>The (decoded) body passed the size limit, or its Content-Length announced more.</summary>
    public const string TooLarge = "too_large";

    /// <summary>A compressed body expanded past the size limit at more than <see cref="HttpFetcher.BombRatio"/>:1.</summary>
    public const string DecompressionBomb = "decompression_bomb";

    /// <summary>A Content-Encoding the probe cannot decode, or a corrupt compressed body.</summary>
    public const string BadEncoding = "bad_encoding";

    /// <summary>A body that does not parse as a media playlist or MPD.</summary>
    public const string Invalid = "invalid";

    /// <summary>A manifest that is not valid UTF-8 (RFC 8216bis 4.1; MPDs are UTF-8 XML).</summary>
    public const string InvalidUtf8 = "invalid_utf8";

    /// <summary>An unparseable body served with a Content-Type that is not a manifest's (an HTML error page, say).</summary>
    public const string WrongContentType = "wrong_content_type";

    /// <summary>A live playlist whose media sequence stopped advancing for longer than the stale threshold.</summary>
    public const string Stale = "stale";

    /// <summary>A source's entry document gave no renditions.</summary>
    public const string Discovery = "discovery";
}
