namespace StreamWatch.Grpc.Internal;

/// <summary>Binary (<c>-bin</c>) metadata values on the wire.</summary>
internal static class MetadataEncoding
{
    /// <summary>Decodes base64 with or without padding (the spec allows both; grpc-js omits it).</summary>
    public static byte[] DecodeBase64(string value)
    {
        var padding = (4 - (value.Length % 4)) % 4;
        return Convert.FromBase64String(padding == 0 ? value : value + new string('=', padding));
    }
}
