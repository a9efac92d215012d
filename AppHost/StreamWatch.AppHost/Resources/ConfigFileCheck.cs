using System.Globalization;
using System.Text.RegularExpressions;
using StreamWatch.AppHost.Hosting;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.AppHost.Resources;

/// <summary>
/// Checks the user's configuration file before anything starts, with the same YAML reader the services
/// use: it must exist, parse, and list streams with ids and CDN sources with absolute http(s) URLs (and an
/// optional origin URL).
/// The services validate their own sections again at start.
/// </summary>
internal static partial class ConfigFileCheck
{
    // The CDN name the probe reports the origin source under (StreamRef.origin); no CDN of a stream with an origin may use it.
    private const string OriginName = "origin";

    /// <summary>Reads and checks the file; returns the stream ids it lists, in order.</summary>
    /// <exception cref="PrerequisiteException">It is missing or invalid; the message names the file and every key at fault.</exception>
    public static IReadOnlyList<string> Check(string path)
    {
        if (!File.Exists(path))
        {
            throw new PrerequisiteException($"the config file {path} does not exist (--config); create it (see CONTRACTS.md) or leave --config out to run the demo.");
        }

        Dictionary<string, string?> data;
        try
        {
            using var stream = File.OpenRead(path);
            data = YamlConfigurationProvider.Parse(stream);
        }
        catch (FormatException ex)
        {
            throw new PrerequisiteException($"the config file {path} is not valid: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PrerequisiteException($"the config file {path} cannot be read: {ex.Message}", ex);
        }

        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>();
        var count = 0;
        for (; HasIndex(data, "streams", count); count++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"streams:{count}");
            data.TryGetValue(key + ":id", out var id);
            if (string.IsNullOrEmpty(id) || !Identifier().IsMatch(id))
            {
                errors.Add($"{key}:id must be lower-case [a-z0-9-], 1 to 64 characters (was '{id}')");
            }
            else if (!ids.Add(id))
            {
                errors.Add($"{key}:id duplicates an earlier stream id ('{id}')");
            }
            else
            {
                ordered.Add(id);
            }

            // The origin is optional; when given, it is polled like a source for attribution (the probe's own check).
            var hasOrigin = data.TryGetValue(key + ":origin", out var origin) && !string.IsNullOrEmpty(origin);
            if (hasOrigin && !IsHttpUrl(origin))
            {
                errors.Add($"{key}:origin must be an absolute http(s) URL (was '{origin}')");
            }

            var sources = 0;
            for (; HasIndex(data, key + ":sources", sources); sources++)
            {
                var sourceKey = string.Create(CultureInfo.InvariantCulture, $"{key}:sources:{sources}");
                data.TryGetValue(sourceKey + ":cdn", out var cdn);
                data.TryGetValue(sourceKey + ":url", out var url);
                if (string.IsNullOrEmpty(cdn))
                {
                    errors.Add($"{sourceKey}:cdn is required");
                }
                else if (hasOrigin && string.Equals(cdn, OriginName, StringComparison.Ordinal))
                {
                    errors.Add($"{sourceKey}:cdn '{OriginName}' is reserved for the stream's origin ({key}:origin); rename that CDN");
                }

                if (!IsHttpUrl(url))
                {
                    errors.Add($"{sourceKey}:url must be an absolute http(s) URL (was '{url}')");
                }
            }

            if (sources == 0)
            {
                errors.Add($"{key}:sources must list at least one CDN source");
            }
        }

        if (count == 0 && data.Keys.Any(k => k.StartsWith("streams", StringComparison.OrdinalIgnoreCase) && k.Length > "streams".Length))
        {
            errors.Add("streams must be a list of streams (- id: …)");
        }

        if (errors.Count > 0)
        {
            throw new PrerequisiteException($"the config file {path} is not valid: {string.Join("; ", errors)}.");
        }

        return ordered;
    }

    private static bool IsHttpUrl(string? value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool HasIndex(Dictionary<string, string?> data, string prefix, int index)
    {
        var item = string.Create(CultureInfo.InvariantCulture, $"{prefix}:{index}");
        return data.Keys.Any(k => k.Equals(item, StringComparison.OrdinalIgnoreCase) || k.StartsWith(item + ":", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex Identifier();
}
