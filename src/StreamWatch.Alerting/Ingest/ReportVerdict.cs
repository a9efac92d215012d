namespace StreamWatch.Alerting.Ingest;

/// <summary>What ingest did with one sequenced report.</summary>
internal enum ReportVerdict
{
    /// <summary>Handed to the engine.</summary>
    Accepted,

    /// <summary>Sequence at or below the probe's high-water mark: dropped, still acked.</summary>
    Duplicate,

    /// <summary>Skipped (counted, acked): no result, no stream or CDN, or ids that are not <c>[a-z0-9-]</c>.</summary>
    Malformed,

    /// <summary>Skipped (counted, acked): stream or CDN not in the configured <c>streams:</c> list.</summary>
    UnknownStream,
}
