namespace StreamWatch.Alerting.Webhooks;

/// <summary>The <c>webhooks:</c> list at the root of the configuration file.</summary>
public sealed class WebhooksOptions
{
    /// <summary>The configuration section: <c>Webhooks</c> (a sequence at the root of the file).</summary>
    public const string SectionName = "Webhooks";

    /// <summary>The receivers, in file order; empty means no webhooks (the outbox is still drained).</summary>
    public IList<WebhookReceiverOptions> Receivers { get; } = [];

    /// <summary>The receiver named <paramref name="name"/>, or null.</summary>
    public WebhookReceiverOptions? Find(string name)
    {
        foreach (var receiver in Receivers)
        {
            if (string.Equals(receiver.Name, name, StringComparison.Ordinal))
            {
                return receiver;
            }
        }

        return null;
    }
}
