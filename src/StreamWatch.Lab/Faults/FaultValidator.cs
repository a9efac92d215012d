using StreamWatch.Lab.Streams;
using StreamWatch.Media;

namespace StreamWatch.Lab.Faults;

/// <summary>
/// Turns a <see cref="FaultRequest"/> into a <see cref="Fault"/>, or collects every problem keyed by
/// the JSON field at fault (for a 400 validation problem details).
/// </summary>
internal sealed class FaultValidator(LabCatalog catalog)
{
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(10);

    public Fault? Validate(FaultRequest r, string id, DateTimeOffset now, out Dictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!problems.TryGetValue(field, out var list))
            {
                problems[field] = list = [];
            }

            list.Add(message);
        }

        var cdnIndex = -1;
        if (string.IsNullOrEmpty(r.Cdn))
        {
            Add("cdn", "Required: one of " + string.Join(", ", catalog.Cdns) + $" or {LabCatalog.OriginName} (the origin and, through it, every CDN).");
        }
        else if (!catalog.TryGetEdge(r.Cdn, out cdnIndex))
        {
            Add("cdn", $"Unknown CDN '{r.Cdn}'; the Lab serves {string.Join(", ", catalog.Cdns)} and {LabCatalog.OriginName} (the origin every CDN pulls from).");
        }

        LabStream? stream = null;
        if (string.IsNullOrEmpty(r.Stream))
        {
            Add("stream", "Required: a stream id from GET /lab/streams.");
        }
        else if (!catalog.TryGetStream(r.Stream, out stream))
        {
            Add("stream", $"Unknown stream '{r.Stream}'; GET /lab/streams lists them.");
        }

        var renditionIndex = -1;
        if (r.Rendition is not null)
        {
            renditionIndex = IndexOfRendition(r.Rendition);
            if (renditionIndex < 0)
            {
                Add("rendition", $"Unknown rendition '{r.Rendition}'; the ladder is {string.Join(", ", catalog.Renditions.Select(x => x.Id))}.");
            }
        }

        var kindKnown = FaultKinds.TryParse(r.Kind, out var kind);
        if (!kindKnown)
        {
            Add("kind", r.Kind is null ? $"Required: one of {FaultKinds.List}." : $"Unknown kind '{r.Kind}'; one of {FaultKinds.List}.");
        }

        var startAfter = Duration(r.StartAfter, "startAfter", TimeSpan.Zero, Add, allowZero: true);
        var duration = r.Duration is null ? (TimeSpan?)null : Duration(r.Duration, "duration", TimeSpan.Zero, Add, allowZero: false);

        var fault = (Fault?)null;
        if (kindKnown)
        {
            RefuseForeignParameters(r, kind, Add);

            var target = FaultTarget.All;
            if (kind is FaultKind.Truncate or FaultKind.Garbage)
            {
                target = FaultTarget.Manifest;
            }

            if (r.Target is not null)
            {
                switch (r.Target)
                {
                    case "manifest": target = FaultTarget.Manifest; break;
                    case "segment": target = FaultTarget.Segment; break;
                    case "all": target = FaultTarget.All; break;
                    default: Add("target", $"Unknown target '{r.Target}'; one of manifest, segment, all."); break;
                }
            }

            var activeFrom = now + startAfter;
            fault = new Fault
            {
                Id = id,
                Kind = kind,
                CdnIndex = cdnIndex,
                StreamIndex = stream?.Index ?? -1,
                RenditionIndex = renditionIndex,
                Request = r,
                CreatedAt = now,
                ActiveFrom = activeFrom,
                ExpiresAt = duration is { } d ? activeFrom + d : null,
                Target = target,
                Random = new Random(r.Seed ?? 1),
            };
            fault = kind switch
            {
                FaultKind.HttpError => HttpError(r, fault, Add),
                FaultKind.Slow => Slow(r, fault, Add),
                FaultKind.Jitter => Jitter(r, fault, Add),
                FaultKind.SequenceRegression or FaultKind.Lag => WithSegments(r, fault, Add),
                FaultKind.ClockSkew => ClockSkew(r, fault, Add),
                FaultKind.Truncate => Truncate(r, fault, Add),
                FaultKind.DropRendition => DropRendition(r, fault, Add),
                _ => fault,
            };
        }

        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return errors.Count == 0 ? fault : null;
    }

    private int IndexOfRendition(string id)
    {
        for (var i = 0; i < catalog.Renditions.Count; i++)
        {
            if (catalog.Renditions[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static void RefuseForeignParameters(FaultRequest r, FaultKind kind, Action<string, string> add)
    {
        void Check(string name, bool present)
        {
            if (present && !FaultKinds.Takes(kind, name))
            {
                add(name, $"Not a parameter of {FaultKinds.NameOf(kind)}.");
            }
        }

        Check("status", r.Status is not null);
        Check("rate", r.Rate is not null);
        Check("target", r.Target is not null);
        Check("delay", r.Delay is not null);
        Check("bytesPerSecond", r.BytesPerSecond is not null);
        Check("distribution", r.Distribution is not null);
        Check("min", r.Min is not null);
        Check("max", r.Max is not null);
        Check("mean", r.Mean is not null);
        Check("stddev", r.Stddev is not null);
        Check("seed", r.Seed is not null);
        Check("segments", r.Segments is not null);
        Check("offset", r.Offset is not null);
        Check("bytes", r.Bytes is not null);
    }

    private static TimeSpan Duration(string? text, string field, TimeSpan fallback, Action<string, string> add, bool allowZero, bool allowNegative = false)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!DurationText.TryParse(text, out var value))
        {
            add(field, $"'{text}' is not a duration; use {DurationText.Help}.");
            return fallback;
        }

        if (value < TimeSpan.Zero && !allowNegative)
        {
            add(field, $"Must not be negative (was '{text}').");
        }
        else if (value == TimeSpan.Zero && !allowZero)
        {
            add(field, "Must be longer than zero.");
        }

        return value;
    }

    private static Fault HttpError(FaultRequest r, Fault f, Action<string, string> add)
    {
        if (r.Status is not { } status)
        {
            add("status", "Required: an HTTP status code 400..599.");
        }
        else if (status is < 400 or > 599)
        {
            add("status", $"Must be an error status 400..599 (was {status}).");
        }

        if (r.Rate is { } rate && (double.IsNaN(rate) || rate < 0 || rate > 1))
        {
            add("rate", $"Must be between 0 and 1 (was {rate}).");
        }

        return f with { Status = r.Status ?? 0, Rate = r.Rate ?? 1 };
    }

    private static Fault Slow(FaultRequest r, Fault f, Action<string, string> add)
    {
        var delay = Duration(r.Delay, "delay", TimeSpan.Zero, add, allowZero: true);
        if (delay > LongestDelay)
        {
            add("delay", "Must be at most 10m (use timeout for a response that never comes).");
        }

        if (r.BytesPerSecond is { } bps && bps < 1)
        {
            add("bytesPerSecond", $"Must be at least 1 (was {bps}).");
        }

        if (r.Delay is null && r.BytesPerSecond is null)
        {
            add("delay", "slow needs delay, bytesPerSecond or both.");
        }

        return f with { Delay = delay, BytesPerSecond = r.BytesPerSecond ?? 0 };
    }

    private static Fault Jitter(FaultRequest r, Fault f, Action<string, string> add)
    {
        var normal = false;
        switch (r.Distribution)
        {
            case null or "uniform": break;
            case "normal": normal = true; break;
            default: add("distribution", $"Unknown distribution '{r.Distribution}'; uniform or normal."); break;
        }

        if (!normal)
        {
            if (r.Mean is not null || r.Stddev is not null)
            {
                add(r.Mean is not null ? "mean" : "stddev", "Belongs to the normal distribution; uniform takes min and max.");
            }

            var min = Duration(r.Min, "min", TimeSpan.Zero, add, allowZero: true);
            var max = Duration(r.Max, "max", min, add, allowZero: true);
            if (r.Max is null)
            {
                add("max", "Required for uniform jitter.");
            }
            else if (max < min)
            {
                add("max", $"Must not be below min ({DurationText.Format(min)}).");
            }
            else if (max > LongestDelay)
            {
                add("max", "Must be at most 10m.");
            }

            return f with { Min = min, Max = max };
        }

        if (r.Min is not null || r.Max is not null)
        {
            add(r.Min is not null ? "min" : "max", "Belongs to the uniform distribution; normal takes mean and stddev.");
        }

        var mean = Duration(r.Mean, "mean", TimeSpan.Zero, add, allowZero: true);
        var stddev = Duration(r.Stddev, "stddev", TimeSpan.Zero, add, allowZero: true);
        if (r.Mean is null)
        {
            add("mean", "Required for normal jitter.");
        }

        if (mean + (4 * stddev) > LongestDelay)
        {
            add("stddev", "mean + 4 stddev must stay within 10m.");
        }

        return f with { NormalDistribution = true, Mean = mean, StdDev = stddev };
    }

    private static Fault WithSegments(FaultRequest r, Fault f, Action<string, string> add)
    {
        var segments = r.Segments ?? 3;
        if (segments is < 1 or > 1000)
        {
            add("segments", $"Must be 1..1000 (was {segments}).");
        }

        return f with { Segments = segments };
    }

    private static Fault ClockSkew(FaultRequest r, Fault f, Action<string, string> add)
    {
        if (r.Offset is null)
        {
            add("offset", $"Required: {DurationText.Help}; negative (\"-10s\") puts the clock behind.");
            return f;
        }

        var offset = Duration(r.Offset, "offset", TimeSpan.Zero, add, allowZero: false, allowNegative: true);
        if (offset.Duration() > TimeSpan.FromDays(1))
        {
            add("offset", "Must be within a day either way.");
        }

        return f with { Offset = offset };
    }

    private static Fault Truncate(FaultRequest r, Fault f, Action<string, string> add)
    {
        if (r.Bytes is { } bytes && bytes < 0)
        {
            add("bytes", $"Must not be negative (was {bytes}).");
        }

        return f with { Bytes = r.Bytes ?? -1 };
    }

    private static Fault DropRendition(FaultRequest r, Fault f, Action<string, string> add)
    {
        if (r.Rendition is null)
        {
            add("rendition", "Required: the rendition to drop.");
        }

        return f;
    }
}
