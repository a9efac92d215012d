using StreamWatch.Contracts.V1;

namespace StreamWatch.Probe.Measurement;

/// <summary>One fetch: the contract's facts, plus the body when it was kept.</summary>
/// <param name="Result">Outcome, status, bytes, timings, evidence headers.</param>
/// <param name="Body">The body of a complete 2xx manifest response; null otherwise.</param>
/// <param name="Total">Request start to last byte (or to the failure).</param>
internal sealed record Fetch(FetchResult Result, byte[]? Body, TimeSpan Total);
