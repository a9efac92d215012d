namespace StreamWatch.Media.Dash;

/// <summary>
/// A <c>UTCTiming</c> element: how a client should synchronise its clock
/// (schemes such as <c>urn:mpeg:dash:utc:http-xsdate:2014</c>, <c>http-iso</c>, <c>http-head</c>, <c>direct</c>, <c>ntp</c>).
/// </summary>
/// <param name="SchemeIdUri"><c>@schemeIdUri</c>, empty when absent.</param>
/// <param name="Value"><c>@value</c>: a URL, a server list or (direct) a date-time, when present.</param>
public sealed record DashUtcTiming(string SchemeIdUri, string? Value);
