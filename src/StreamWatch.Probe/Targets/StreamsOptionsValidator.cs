using System.Globalization;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Probe.Targets;

/// <summary>Checks the <c>streams</c> list at start: ids, uniqueness and URLs, naming each setting at fault.</summary>
internal sealed class StreamsOptionsValidator() : SettingsValidator<StreamsOptions>(string.Empty)
{
    protected override void Validate(StreamsOptions options, SettingErrors errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Streams.Count; i++)
        {
            var stream = options.Streams[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"{StreamsOptions.SectionName}:{i}");
            if (!Identifier.IsValid(stream.Id))
            {
                errors.Add($"{key}:Id", "must be lower-case [a-z0-9-], 1 to 64 characters", stream.Id);
            }
            else if (!ids.Add(stream.Id))
            {
                errors.Add($"{key}:Id", "duplicates an earlier stream id", stream.Id);
            }

            if (stream.Origin is { Length: > 0 })
            {
                errors.HttpUrl($"{key}:Origin", stream.Origin);
            }

            if (stream.Sources.Count == 0)
            {
                errors.Add($"{key}:Sources", "must list at least one CDN source");
            }

            var cdns = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < stream.Sources.Count; j++)
            {
                var source = stream.Sources[j];
                var sourceKey = string.Create(CultureInfo.InvariantCulture, $"{key}:Sources:{j}");
                if (!Identifier.IsValid(source.Cdn))
                {
                    errors.Add($"{sourceKey}:Cdn", "must be lower-case [a-z0-9-], 1 to 64 characters", source.Cdn);
                }
                else if (!cdns.Add(source.Cdn))
                {
                    errors.Add($"{sourceKey}:Cdn", "duplicates an earlier CDN of this stream", source.Cdn);
                }
                else if (stream.Origin is { Length: > 0 } && source.Cdn == RenditionTarget.OriginCdn)
                {
                    // The origin source reports (and is labelled) as cdn "origin": a CDN of that name would be mistaken for it.
                    errors.Add($"{sourceKey}:Cdn", $"is reserved for the stream's origin ({key}:Origin); rename this CDN", source.Cdn);
                }

                errors.HttpUrl($"{sourceKey}:Url", source.Url);
            }
        }
    }
}
