namespace StreamWatch.Media.Dash;

/// <summary>An <c>EventStream</c> (in the MPD) or <c>InbandEventStream</c> (signalled in segments, e.g. emsg).</summary>
public sealed class DashEventStream
{
    internal DashEventStream(string schemeIdUri, string? value, bool inband)
    {
        SchemeIdUri = schemeIdUri;
        Value = value;
        IsInband = inband;
    }

    /// <summary><c>@schemeIdUri</c>, e.g. <c>urn:scte:scte35:2013:xml</c>; empty when absent.</summary>
    public string SchemeIdUri { get; }

    /// <summary><c>@value</c>, when present.</summary>
    public string? Value { get; }

    /// <summary>True for an InbandEventStream (the events travel in the media, none are listed here).</summary>
    public bool IsInband { get; }

    /// <summary>True when the scheme is one of the SCTE 214 / SCTE 35 schemes (<c>urn:scte:scte35:...</c>).</summary>
    public bool IsScte35 => SchemeIdUri.StartsWith("urn:scte:scte35:", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>@timescale</c> in units per second; defaults to 1.</summary>
    public long Timescale { get; internal set; } = 1;

    /// <summary><c>@presentationTimeOffset</c> in timescale units; defaults to 0.</summary>
    public long PresentationTimeOffset { get; internal set; }

    /// <summary>The events listed in the MPD (empty for inband streams).</summary>
    public IReadOnlyList<DashEvent> Events => EventList;

    internal List<DashEvent> EventList { get; } = [];
}
