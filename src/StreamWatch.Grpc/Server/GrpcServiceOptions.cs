using System.IO.Compression;

namespace StreamWatch.Grpc.Server;

/// <summary>Options of the gRPC server; bound once by <c>AddGrpcStandIn</c> and validated on start.</summary>
public sealed class GrpcServiceOptions
{
    /// <summary>The configuration section these options bind from: <c>Grpc</c>.</summary>
    public const string SectionName = "Grpc";

    /// <summary>
    /// Maximum size in bytes of a received message (after decompression); a larger one ends the call
    /// with RESOURCE_EXHAUSTED. Null for no limit. Defaults to 4,194,304 (4 MiB).
    /// </summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Maximum size in bytes of a sent message (after compression); writing a larger one throws
    /// RESOURCE_EXHAUSTED in the handler, and ends the call with it unless caught. Null (the default) for no limit.
    /// </summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// When true, the <c>grpc-message</c> of an unhandled handler exception includes its type and message.
    /// Defaults to false: exception text can leak internals to callers.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>
    /// Compression of response messages: <c>gzip</c>, or null (the default) for none. Used only when the
    /// client's <c>grpc-accept-encoding</c> lists it.
    /// </summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>Compression level when <see cref="ResponseCompressionAlgorithm"/> is set; defaults to <see cref="CompressionLevel.Fastest"/>.</summary>
    public CompressionLevel ResponseCompressionLevel { get; set; } = CompressionLevel.Fastest;
}
