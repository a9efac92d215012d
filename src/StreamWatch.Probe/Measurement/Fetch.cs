using StreamWatch.Contracts.V1;

namespace StreamWatch.Probe.Measurement;

/// <summary>One fetch: the contract's facts, plus the body when it was kept.</summary>
/// <param name="Result">Outcome, status, bytes, timings, evidence headers.</param>
/// <param name="Body">The body of a complete 2xx response when it was kept; null otherwise.</param>
/// <param name="Total">Request start to last byte (or to the failure).</param>
/// <param name="ErrorKind">One of <see cref="ErrorKinds"/>; null when the fetch succeeded.</param>
/// <param name="ContentType">The response's media type, when one was sent.</param>
/// <param name="NewConnection">True when the fetch opened a connection (its connect phase is in the timings); false when it reused one.</param>
/// <param name="ServerDate">The response's HTTP <c>Date</c> (the server's clock, whole seconds), when it sent one.</param>
/// <param name="Sent">When the request was sent (probe clock), read at the start of the fetch, not derived afterwards.</param>
internal sealed record Fetch(FetchResult Result, byte[]? Body, TimeSpan Total, string? ErrorKind, string? ContentType, bool NewConnection, DateTimeOffset? ServerDate = null, DateTimeOffset? Sent = null);
