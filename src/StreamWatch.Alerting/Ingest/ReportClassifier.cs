using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Ingest;

/// <summary>Checks one report before the engine sees it.</summary>
internal static class ReportClassifier
{
    /// <summary>Longest id accepted (stream, CDN, rendition, probe), in characters.</summary>
    public const int MaxIdLength = 128;

    public static ReportVerdict Classify(ProbeReport? report, StreamCatalogOptions catalog)
    {
        var reference = report?.ResultCase switch
        {
            ProbeReport.ResultOneofCase.Manifest => report.Manifest.Ref,
            ProbeReport.ResultOneofCase.Segment => report.Segment.Ref,
            _ => null,
        };
        if (reference is null || !IsId(reference.StreamId) || !IsId(reference.Cdn) || reference.RenditionId.Length > MaxIdLength)
        {
            return ReportVerdict.Malformed;
        }

        var known = reference.Origin ? catalog.ContainsOrigin(reference.StreamId) : catalog.Contains(reference.StreamId, reference.Cdn);
        return known ? ReportVerdict.Accepted : ReportVerdict.UnknownStream;
    }

    /// <summary>Ids of the configuration file: lower-case <c>[a-z0-9-]</c>, 1 to <see cref="MaxIdLength"/> characters.</summary>
    public static bool IsId(string value)
    {
        if (value.Length is 0 or > MaxIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
