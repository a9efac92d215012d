using System.IO.Compression;

namespace StreamWatch.Grpc.Internal;

/// <summary>How one side compresses the messages it sends on a call.</summary>
internal readonly record struct MessageCompression(bool Enabled, CompressionLevel Level)
{
    public static readonly MessageCompression None = new(false, CompressionLevel.NoCompression);
}
