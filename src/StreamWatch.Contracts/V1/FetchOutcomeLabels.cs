namespace StreamWatch.Contracts.V1;

/// <summary>
/// <see cref="FetchOutcome"/> as the low-cardinality label value the probe's metrics and API and alerting's evidence
/// use (<c>ok</c>, <c>http_error</c>, <c>timeout</c>…): one mapping, so a dashboard's <c>result</c> and a webhook's
/// evidence always name an outcome the same way.
/// </summary>
public static class FetchOutcomeLabels
{
    /// <summary>The label value of <paramref name="outcome"/>; <c>unspecified</c> for values this build does not know.</summary>
    public static string ToLabel(this FetchOutcome outcome) => outcome switch
    {
        FetchOutcome.Ok => "ok",
        FetchOutcome.HttpError => "http_error",
        FetchOutcome.Timeout => "timeout",
        FetchOutcome.ConnectionError => "connection_error",
        FetchOutcome.TlsError => "tls_error",
        FetchOutcome.TooLarge => "too_large",
        FetchOutcome.Invalid => "invalid",
        _ => "unspecified",
    };
}
