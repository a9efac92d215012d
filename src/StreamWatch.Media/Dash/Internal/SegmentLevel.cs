namespace StreamWatch.Media.Dash.Internal;

/// <summary>The SegmentBase / SegmentList / SegmentTemplate elements written at one level of the hierarchy.</summary>
internal sealed class SegmentLevel
{
    public SegmentInfoBuilder? Base { get; set; }

    public SegmentInfoBuilder? List { get; set; }

    public SegmentInfoBuilder? Template { get; set; }

    public int Count => (Base is null ? 0 : 1) + (List is null ? 0 : 1) + (Template is null ? 0 : 1);
}
