namespace StreamWatch.Probe.Targets;

/// <summary>The configuration file's root <c>streams</c> list: what the probe monitors.</summary>
public sealed class StreamsOptions
{
    /// <summary>The configuration key of the list (at the root of the file).</summary>
    public const string SectionName = "Streams";

    /// <summary>The streams; may be empty (the probe then idles).</summary>
    public List<StreamDefinition> Streams { get; set; } = [];
}
