using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StreamWatch.ServiceDefaults.Health;

/// <summary>
/// Writes a health report as JSON:
/// <c>{"status":"Unhealthy","durationSeconds":0.012,"checks":[{"name":"redis","status":"Unhealthy","durationSeconds":0.01,"description":"...","error":"...","tags":["dependency"]}]}</c>.
/// </summary>
public static class HealthResponseWriter
{
    /// <summary>The media type written.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Writes <paramref name="report"/> to the response body.</summary>
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = ContentType;
        await using (var json = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteNumber("durationSeconds", report.TotalDuration.TotalSeconds);
            json.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteNumber("durationSeconds", entry.Duration.TotalSeconds);
                if (entry.Description is not null)
                {
                    json.WriteString("description", entry.Description);
                }

                if (entry.Exception is not null)
                {
                    json.WriteString("error", entry.Exception.Message);
                }

                json.WriteStartArray("tags");
                foreach (var tag in entry.Tags)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
