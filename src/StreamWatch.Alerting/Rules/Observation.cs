namespace StreamWatch.Alerting.Rules;

/// <summary>One evaluation of a rule's condition.</summary>
/// <param name="HasData">False when there is nothing to judge by (e.g. staleness after a failed poll); the alert keeps its state.</param>
/// <param name="Breached">Whether the condition holds.</param>
/// <param name="Value">The measured value, in the unit of the rule's kind.</param>
internal readonly record struct Observation(bool HasData, bool Breached, double Value)
{
    public static Observation NoData => default;

    public static Observation Of(double value, bool breached) => new(true, breached, value);
}
