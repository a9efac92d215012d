namespace StreamWatch.Cli.Drill;

/// <summary>What the drill asks StreamWatch itself, beyond its own playlist watches.</summary>
/// <param name="Gateway">The gateway to poll (<c>--gateway</c>); null: not asked.</param>
/// <param name="WebhookListen">Where the drill's webhook receiver listens (<c>--webhook-listen</c>); null: no receiver.</param>
/// <param name="WebhookSecret">The shared secret deliveries are signed with (<c>--webhook-secret</c>).</param>
/// <param name="WaitForResolve">How long after clearing the drill waits for the alert to resolve (<c>--wait-for-resolve</c>).</param>
/// <param name="AlertFor">The alert rule's <c>for</c>, added to the firing bound (<c>--alert-for</c>).</param>
internal sealed record DrillAlertingOptions(Uri? Gateway, Uri? WebhookListen, string? WebhookSecret, TimeSpan WaitForResolve, TimeSpan AlertFor)
{
    /// <summary>
    /// Default <c>--wait-for-resolve</c>: 60 seconds. The built-in manifest rules resolve after being clear for 30 s
    /// (<c>clearFor</c>) and two good reports; the rest covers the probe's next polls and a webhook retry.
    /// </summary>
    public static readonly TimeSpan DefaultWaitForResolve = TimeSpan.FromSeconds(60);

    /// <summary>Default <c>--alert-for</c>: 10 seconds, the <c>for</c> of the built-in ManifestStale and ManifestUnavailable rules.</summary>
    public static readonly TimeSpan DefaultAlertFor = TimeSpan.FromSeconds(10);

    /// <summary>Neither the gateway nor webhooks: the probe-side drill.</summary>
    public static DrillAlertingOptions None { get; } = new(null, null, null, DefaultWaitForResolve, DefaultAlertFor);

    /// <summary>True when the gateway or a webhook receiver is part of the drill.</summary>
    public bool Configured => Gateway is not null || WebhookListen is not null;
}
