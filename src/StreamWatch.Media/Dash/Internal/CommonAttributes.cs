namespace StreamWatch.Media.Dash.Internal;

/// <summary>
/// The attributes AdaptationSet and Representation share (RepresentationBaseType, ISO/IEC 23009-1 5.3.7)
/// that StreamWatch reads; a Representation inherits what it does not state from its AdaptationSet.
/// </summary>
internal sealed class CommonAttributes
{
    public string? MimeType { get; set; }

    public string? Codecs { get; set; }

    /// <summary>Pixels.</summary>
    public int? Width { get; set; }

    /// <summary>Pixels.</summary>
    public int? Height { get; set; }

    /// <summary>As written: <c>30</c> or <c>30000/1001</c>.</summary>
    public string? FrameRate { get; set; }

    public string? AudioSamplingRate { get; set; }

    /// <summary>Fills what this element leaves out from its parent's values.</summary>
    public void InheritFrom(CommonAttributes parent)
    {
        MimeType ??= parent.MimeType;
        Codecs ??= parent.Codecs;
        Width ??= parent.Width;
        Height ??= parent.Height;
        FrameRate ??= parent.FrameRate;
        AudioSamplingRate ??= parent.AudioSamplingRate;
    }
}
