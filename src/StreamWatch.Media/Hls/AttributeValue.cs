namespace StreamWatch.Media.Hls;

/// <summary>One attribute value of a tag that is materialized (non-segment tags), with whether it was quoted.</summary>
internal readonly record struct AttributeValue(string Value, bool Quoted);
