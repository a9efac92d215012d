using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace StreamWatch.Cli.Drill;

/// <summary>The body of <c>POST /lab/faults</c> for a drill.</summary>
internal static class FaultJson
{
    /// <summary>
    /// How long past <c>--for</c> the Lab keeps the fault on its own: the drill deletes it at <c>--for</c>, and this
    /// dead man's switch clears it if the drill is killed before it can (SIGKILL, a lost connection).
    /// </summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);

    /// <summary>Fields the drill sets from its own options, so <c>--param</c> may not.</summary>
    public static readonly string[] Reserved = ["cdn", "stream", "rendition", "kind", "duration", "startAfter"];

    /// <summary>
    /// <c>{cdn, stream, rendition?, kind, ...parameters, duration}</c>. A parameter value that is a finite number is sent
    /// as a JSON number (<c>status=503</c>, <c>rate=0.5</c>), anything else as a string (<c>offset=-30s</c>, <c>target=manifest</c>):
    /// the Lab's fields are typed that way and reject the other.
    /// </summary>
    public static byte[] Create(DrillPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("cdn", plan.Cdn);
            json.WriteString("stream", plan.Stream);
            if (plan.Rendition is not null)
            {
                json.WriteString("rendition", plan.Rendition);
            }

            json.WriteString("kind", plan.Kind);
            foreach (var (key, value) in plan.Parameters)
            {
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    json.WriteNumber(key, integer);
                }
                else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    json.WriteNumber(key, number);
                }
                else
                {
                    json.WriteString(key, value);
                }
            }

            json.WriteString("duration", Duration(plan.For + ExpiryMargin));
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // The Lab's duration syntax; whole milliseconds so no fraction is lost or misread.
    private static string Duration(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Ceiling(value.TotalMilliseconds)}ms");
}
