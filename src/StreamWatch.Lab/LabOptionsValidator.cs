using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace StreamWatch.Lab;

/// <summary>Checks <see cref="LabOptions"/> at start, collecting every error, each naming its setting.</summary>
internal sealed partial class LabOptionsValidator : IValidateOptions<LabOptions>
{
    public ValidateOptionsResult Validate(string? name, LabOptions options)
    {
        var errors = new List<string>();
        const string S = LabOptions.SectionName;
        if (options.Port is < 0 or > 65535)
        {
            errors.Add($"{S}:Port must be 0..65535 (was {options.Port}).");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{S}:Mode must be synthetic or ffmpeg (was {options.Mode}).");
        }

        if (options.StreamIds.Count == 0 && options.Streams is < 1 or > 100_000)
        {
            errors.Add($"{S}:Streams must be 1..100000 (was {options.Streams}).");
        }

        if (options.CdnNames.Count == 0 && options.Cdns is < 1 or > 26)
        {
            errors.Add($"{S}:Cdns must be 1..26 (was {options.Cdns}).");
        }

        CheckIds(options.StreamIds, $"{S}:StreamIds", errors);
        CheckIds(options.CdnNames, $"{S}:CdnNames", errors);
        if (options.CdnNames.Contains(Streams.LabCatalog.OriginName))
        {
            // /origin/{stream}/… is the origin itself; a CDN of that name would be unreachable (or shadow it).
            errors.Add($"{S}:CdnNames: '{Streams.LabCatalog.OriginName}' is reserved for the origin (/origin/{{stream}}/…); rename that CDN (in the configuration file: streams[].sources[].cdn).");
        }

        if (options.SegmentDuration < TimeSpan.FromMilliseconds(500) || options.SegmentDuration > TimeSpan.FromSeconds(30)
            || options.SegmentDuration.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            errors.Add($"{S}:SegmentDuration must be a whole number of milliseconds from 0.5 s to 30 s (was {options.SegmentDuration}).");
        }

        if (options.WindowSegments is < 3 or > 10_000)
        {
            errors.Add($"{S}:WindowSegments must be 3..10000 so a live playlist keeps three target durations (was {options.WindowSegments}).");
        }

        if (options.LowLatency && (options.PartDuration <= TimeSpan.Zero || options.SegmentDuration.Ticks % Math.Max(1, options.PartDuration.Ticks) != 0
            || options.PartDuration.Ticks % TimeSpan.TicksPerMillisecond != 0 || options.PartDuration >= options.SegmentDuration))
        {
            errors.Add($"{S}:PartDuration must be whole milliseconds, shorter than and dividing {S}:SegmentDuration (was {options.PartDuration}).");
        }

        if (options.AdBreakInterval < TimeSpan.Zero)
        {
            errors.Add($"{S}:AdBreakInterval must not be negative (was {options.AdBreakInterval}).");
        }
        else if (options.AdBreakInterval > TimeSpan.Zero)
        {
            if (options.AdBreakInterval.Ticks % options.SegmentDuration.Ticks != 0 || options.AdBreakDuration.Ticks % options.SegmentDuration.Ticks != 0)
            {
                errors.Add($"{S}:AdBreakInterval and {S}:AdBreakDuration must be whole multiples of {S}:SegmentDuration.");
            }

            if (options.AdBreakDuration <= TimeSpan.Zero || options.AdBreakDuration >= options.AdBreakInterval)
            {
                errors.Add($"{S}:AdBreakDuration must be positive and shorter than {S}:AdBreakInterval (was {options.AdBreakDuration}).");
            }
        }

        if (options.DiscontinuityEvery < 0)
        {
            errors.Add($"{S}:DiscontinuityEvery must not be negative (was {options.DiscontinuityEvery}).");
        }

        foreach (var (cdn, ttl) in options.EdgeCache)
        {
            if (cdn == Streams.LabCatalog.OriginName)
            {
                errors.Add($"{S}:EdgeCache:{cdn}: the origin has no edge cache; set it on a CDN.");
            }

            if (ttl < TimeSpan.Zero || ttl > TimeSpan.FromMinutes(5))
            {
                errors.Add($"{S}:EdgeCache:{cdn} must be 0..5 minutes (was {ttl}).");
            }
        }

        var ffmpeg = options.Ffmpeg;
        if (options.Mode == LabMode.Ffmpeg)
        {
            if (ffmpeg.SegmentType is not ("ts" or "fmp4"))
            {
                errors.Add($"{S}:Ffmpeg:SegmentType must be ts or fmp4 (was '{ffmpeg.SegmentType}').");
            }

            if (ffmpeg.SegmentDuration < TimeSpan.FromSeconds(1) || ffmpeg.SegmentDuration.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                errors.Add($"{S}:Ffmpeg:SegmentDuration must be whole seconds, at least 1 (was {ffmpeg.SegmentDuration}).");
            }

            if (ffmpeg.WindowSegments is < 3 or > 1000)
            {
                errors.Add($"{S}:Ffmpeg:WindowSegments must be 3..1000 (was {ffmpeg.WindowSegments}).");
            }

            if (ffmpeg.RestartDelay < TimeSpan.Zero)
            {
                errors.Add($"{S}:Ffmpeg:RestartDelay must not be negative (was {ffmpeg.RestartDelay}).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckIds(IList<string> ids, string setting, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!IdPattern().IsMatch(id))
            {
                errors.Add($"{setting}: '{id}' must match [a-z0-9-]+ (it becomes a URL path segment).");
            }
            else if (!seen.Add(id))
            {
                errors.Add($"{setting}: '{id}' appears twice.");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}
