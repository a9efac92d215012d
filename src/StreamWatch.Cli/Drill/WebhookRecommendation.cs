namespace StreamWatch.Cli.Drill;

/// <summary>The <c>recommendation</c> of a webhook payload (CONTRACTS.md): <c>{action, from, to, reason}</c>.</summary>
/// <param name="Action">What to do, e.g. <c>failover</c>.</param>
/// <param name="From">The CDN to leave.</param>
/// <param name="To">The CDN to move to.</param>
/// <param name="Reason">Why, for people.</param>
internal sealed record WebhookRecommendation(string? Action, string? From, string? To, string? Reason)
{
    /// <summary><c>failover cdn-a -> cdn-b</c>.</summary>
    public string Describe() => $"{Action ?? "?"} {From ?? "?"} -> {To ?? "?"}";
}
