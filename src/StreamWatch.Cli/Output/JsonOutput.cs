using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace StreamWatch.Cli.Output;

/// <summary>Writes source-generated JSON to a <see cref="TextWriter"/>.</summary>
internal static class JsonOutput
{
    // Output goes to terminals, files and jq, never into HTML: escaping '<', '&' or non-ASCII would only garble
    // messages and URLs. Control characters and quotes are still escaped as JSON requires.
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Writes <paramref name="value"/> followed by a newline; compact (one line) unless <paramref name="indented"/>.</summary>
    public static void WriteLine<T>(TextWriter writer, T value, JsonTypeInfo<T> typeInfo, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder, Indented = indented }))
        {
            JsonSerializer.Serialize(json, value, typeInfo);
        }

        writer.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        writer.Write('\n');
    }
}
