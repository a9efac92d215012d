using System.Diagnostics.CodeAnalysis;

namespace StreamWatch.Cli.Fetching;

/// <summary>
/// The outcome of fetching one manifest: its body, or why there is none.
/// A failed fetch is an expected outcome, never an exception.
/// </summary>
public sealed class FetchResult
{
    private FetchResult(Uri requestedUrl, Uri url, byte[]? body, int? statusCode, string? mediaType, FetchFailureKind? failure, string? reason)
    {
        MediaType = mediaType;
        RequestedUrl = requestedUrl;
        Url = url;
        Body = body;
        StatusCode = statusCode;
        Failure = failure;
        Reason = reason;
    }

    /// <summary>The address asked for.</summary>
    public Uri RequestedUrl { get; }

    /// <summary>The address the body came from after redirects; relative URIs in it resolve against this one.</summary>
    public Uri Url { get; }

    /// <summary>The body (decompressed), when the fetch succeeded.</summary>
    public byte[]? Body { get; }

    /// <summary>The HTTP status code, when a response was received.</summary>
    public int? StatusCode { get; }

    /// <summary>The response's Content-Type media type (e.g. <c>application/vnd.apple.mpegurl</c>), when the server sent one.</summary>
    public string? MediaType { get; }

    /// <summary>Why the fetch failed; null when it succeeded.</summary>
    public FetchFailureKind? Failure { get; }

    /// <summary>A one-line reason a person understands, when the fetch failed.</summary>
    public string? Reason { get; }

    /// <summary>True when <see cref="Body"/> holds the manifest.</summary>
    [MemberNotNullWhen(true, nameof(Body))]
    public bool Succeeded => Body is not null;

    internal static FetchResult Success(Uri requestedUrl, Uri url, byte[] body, int? statusCode, string? mediaType)
        => new(requestedUrl, url, body, statusCode, mediaType, null, null);

    internal static FetchResult Failed(Uri requestedUrl, FetchFailureKind failure, string reason, int? statusCode = null)
        => new(requestedUrl, requestedUrl, null, statusCode, null, failure, reason);
}
