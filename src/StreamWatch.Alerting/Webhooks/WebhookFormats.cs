namespace StreamWatch.Alerting.Webhooks;

/// <summary>The payload formats a receiver may ask for (<see cref="WebhookReceiverOptions.Format"/>).</summary>
public static class WebhookFormats
{
    /// <summary>The StreamWatch payload of CONTRACTS.md, with evidence and the failover recommendation.</summary>
    public const string StreamWatch = "streamwatch";

    /// <summary>Alertmanager's webhook v4 body, so receivers written for Alertmanager work unchanged.</summary>
    public const string Alertmanager = "alertmanager";
}
