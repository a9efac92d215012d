namespace StreamWatch.Grpc.Internal;

/// <summary>Names and values from PROTOCOL-HTTP2.md.</summary>
internal static class GrpcProtocolConstants
{
    public const string GrpcContentType = "application/grpc";
    public const string TimeoutHeader = "grpc-timeout";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string MessageEncodingHeader = "grpc-encoding";
    public const string MessageAcceptEncodingHeader = "grpc-accept-encoding";

    /// <summary>grpc-dotnet's way for a client to ask for compressed requests, kept for drop-in compatibility; never sent.</summary>
    public const string CompressionRequestAlgorithmHeader = "grpc-internal-encoding-request";

    public const string IdentityEncoding = "identity";
    public const string GzipEncoding = "gzip";

    /// <summary>The encodings this implementation reads and writes, as sent in <c>grpc-accept-encoding</c>.</summary>
    public const string SupportedAcceptEncoding = "identity,gzip";

    public const string UserAgent = "grpc-streamwatch-dotnet/1.0";

    /// <summary>Compressed-flag byte plus a 4-byte big-endian length.</summary>
    public const int HeaderSize = 5;

    /// <summary>4 MiB, the gRPC default receive limit.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>True for <c>application/grpc</c>, <c>application/grpc+proto</c> and <c>application/grpc;...</c>.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(GrpcContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (contentType.Length == GrpcContentType.Length)
        {
            return true;
        }

        // "+proto" (or another subtype suffix) or parameters; not "application/grpc-web".
        var next = contentType[GrpcContentType.Length];
        return next is '+' or ';';
    }

    /// <summary>Headers that are transport, not custom metadata.</summary>
    public static bool IsReservedHeader(string name)
        => name.Length == 0
           || name[0] == ':'
           || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
           || name.Equals("te", StringComparison.OrdinalIgnoreCase)
           || name.Equals("host", StringComparison.OrdinalIgnoreCase)
           || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
           || name.Equals(TimeoutHeader, StringComparison.OrdinalIgnoreCase)
           || name.Equals(MessageEncodingHeader, StringComparison.OrdinalIgnoreCase)
           || name.Equals(MessageAcceptEncodingHeader, StringComparison.OrdinalIgnoreCase)
           || name.Equals(StatusTrailer, StringComparison.OrdinalIgnoreCase)
           || name.Equals(MessageTrailer, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a comma-separated <c>grpc-accept-encoding</c> value lists <paramref name="encoding"/>.</summary>
    public static bool AcceptsEncoding(string? acceptEncoding, string encoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return false;
        }

        foreach (var range in acceptEncoding.AsSpan().Split(','))
        {
            if (acceptEncoding.AsSpan(range).Trim().Equals(encoding, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
