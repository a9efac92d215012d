using System.Globalization;

namespace StreamWatch.Media.Dash;

/// <summary>One <c>AdaptationSet</c>: interchangeable representations of one content component.</summary>
public sealed class DashAdaptationSet
{
    internal DashAdaptationSet(DashPeriod period, int index, int line)
    {
        Period = period;
        Index = index;
        Line = line;
    }

    /// <summary>The period holding this adaptation set.</summary>
    public DashPeriod Period { get; }

    /// <summary>0-based position among the period's adaptation sets.</summary>
    public int Index { get; }

    /// <summary>1-based line of the element, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>Element path, e.g. <c>MPD/Period[0]/AdaptationSet[1]</c>.</summary>
    public string Path => string.Create(CultureInfo.InvariantCulture, $"{Period.Path}/AdaptationSet[{Index}]");

    /// <summary><c>@id</c>, when present.</summary>
    public string? Id { get; internal set; }

    /// <summary><c>@contentType</c> (video, audio, text, ...), when present.</summary>
    public string? ContentType { get; internal set; }

    /// <summary><c>@mimeType</c>, when present.</summary>
    public string? MimeType => Common.MimeType;

    /// <summary><c>@codecs</c>, when present.</summary>
    public string? Codecs => Common.Codecs;

    /// <summary><c>@lang</c>, when present.</summary>
    public string? Lang { get; internal set; }

    /// <summary>Role descriptors.</summary>
    public IReadOnlyList<DashDescriptor> Roles => RoleList;

    /// <summary>Label element texts.</summary>
    public IReadOnlyList<string> Labels => LabelList;

    /// <summary>ContentProtection descriptors of the adaptation set and its representations (scheme, value).</summary>
    public IReadOnlyList<DashDescriptor> ContentProtections => ProtectionList;

    /// <summary>InbandEventStream elements on the adaptation set.</summary>
    public IReadOnlyList<DashEventStream> InbandEventStreams => InbandList;

    /// <summary>The representations.</summary>
    public IReadOnlyList<DashRepresentation> Representations => RepresentationList;

    internal List<DashDescriptor> RoleList { get; } = [];

    internal List<string> LabelList { get; } = [];

    internal List<DashDescriptor> ProtectionList { get; } = [];

    internal List<DashEventStream> InbandList { get; } = [];

    internal List<DashRepresentation> RepresentationList { get; } = [];

    internal Internal.CommonAttributes Common { get; } = new();

    internal Internal.SegmentLevel? OwnSegmentInfo { get; set; }

    internal List<Internal.BaseUrlEntry> OwnBaseUrls { get; } = [];
}
