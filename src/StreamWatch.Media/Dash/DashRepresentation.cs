using System.Globalization;

namespace StreamWatch.Media.Dash;

/// <summary>One <c>Representation</c> with its inherited attributes resolved.</summary>
public sealed class DashRepresentation
{
    internal DashRepresentation(DashAdaptationSet adaptationSet, int index, int line)
    {
        AdaptationSet = adaptationSet;
        Index = index;
        Line = line;
    }

    /// <summary>The adaptation set holding this representation.</summary>
    public DashAdaptationSet AdaptationSet { get; }

    /// <summary>The period holding this representation.</summary>
    public DashPeriod Period => AdaptationSet.Period;

    /// <summary>0-based position among the adaptation set's representations.</summary>
    public int Index { get; }

    /// <summary>1-based line of the element, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>Element path, e.g. <c>MPD/Period[0]/AdaptationSet[1]/Representation[2]</c>.</summary>
    public string Path => string.Create(CultureInfo.InvariantCulture, $"{AdaptationSet.Path}/Representation[{Index}]");

    /// <summary><c>@id</c>; empty when absent (reported).</summary>
    public string Id { get; internal set; } = "";

    /// <summary><c>@bandwidth</c> in bits per second; 0 when absent (reported).</summary>
    public long Bandwidth { get; internal set; }

    /// <summary><c>@codecs</c> (own or inherited from the adaptation set).</summary>
    public string? Codecs => Common.Codecs;

    /// <summary><c>@mimeType</c> (own or inherited).</summary>
    public string? MimeType => Common.MimeType;

    /// <summary><c>@width</c> in pixels (own or inherited).</summary>
    public int? Width => Common.Width;

    /// <summary><c>@height</c> in pixels (own or inherited).</summary>
    public int? Height => Common.Height;

    /// <summary><c>@frameRate</c> as written (<c>30</c> or <c>30000/1001</c>), own or inherited.</summary>
    public string? FrameRate => Common.FrameRate;

    /// <summary><see cref="FrameRate"/> in frames per second, when it parses.</summary>
    public double? FrameRateValue { get; internal set; }

    /// <summary><c>@audioSamplingRate</c> as written, own or inherited.</summary>
    public string? AudioSamplingRate => Common.AudioSamplingRate;

    internal Internal.CommonAttributes Common { get; } = new();

    /// <summary>Resolved base URLs, primary first (every combination of the BaseURL chain, bounded).</summary>
    public IReadOnlyList<Uri> BaseUrls { get; internal set; } = [];

    /// <summary>The primary resolved base URL that segment URLs resolve against.</summary>
    public Uri BaseUrl => BaseUrls[0];

    /// <summary>The effective segment addressing after inheritance.</summary>
    public DashSegmentInfo SegmentInfo { get; internal set; } = new();

    /// <summary>InbandEventStream elements on the representation (the adaptation set's are on <see cref="DashAdaptationSet"/>).</summary>
    public IReadOnlyList<DashEventStream> InbandEventStreams => InbandList;

    internal List<DashEventStream> InbandList { get; } = [];

    internal Internal.SegmentLevel? OwnSegmentInfo { get; set; }

    internal List<Internal.BaseUrlEntry> OwnBaseUrls { get; } = [];
}
