namespace StreamWatch.Alerting.Health;

/// <summary>The count and sum of the samples in a window.</summary>
/// <param name="Count">Number of samples.</param>
/// <param name="Sum">Sum of their values.</param>
internal readonly record struct WindowAggregate(int Count, double Sum)
{
    /// <summary>The mean value; 0 for an empty window.</summary>
    public double Mean => Count == 0 ? 0 : Sum / Count;
}
