using System.Globalization;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>Validates the <c>webhooks:</c> list, naming each setting at fault, e.g. <c>Webhooks:0:Url</c>.</summary>
public sealed class WebhooksValidator() : SettingsValidator<WebhooksOptions>(WebhooksOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Validate(WebhooksOptions options, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Receivers.Count; i++)
        {
            var receiver = options.Receivers[i];
            var at = i.ToString(CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(receiver.Name))
            {
                errors.Required($"{at}:Name", receiver.Name);
            }
            else if (!IsName(receiver.Name))
            {
                errors.Add($"{at}:Name", "must be lower-case letters, digits and '-'", receiver.Name);
            }
            else if (!names.Add(receiver.Name))
            {
                errors.Add($"{at}:Name", "names a webhook configured twice", receiver.Name);
            }

            errors.HttpUrl($"{at}:Url", receiver.Url);
            errors.Required($"{at}:Secret", receiver.Secret);
            if (receiver.Format is not (WebhookFormats.StreamWatch or WebhookFormats.Alertmanager))
            {
                errors.Add($"{at}:Format", "must be streamwatch or alertmanager", receiver.Format);
            }

            for (var e = 0; e < receiver.Events.Count; e++)
            {
                if (receiver.Events[e] is not ("firing" or "resolved"))
                {
                    errors.Add($"{at}:Events:{e.ToString(CultureInfo.InvariantCulture)}", "must be firing or resolved", receiver.Events[e]);
                }
            }

            errors.Positive($"{at}:Timeout", receiver.Timeout);
            errors.Positive($"{at}:MaxAge", receiver.MaxAge);
            errors.Positive($"{at}:BackoffBase", receiver.BackoffBase);
            if (receiver.BackoffMax < receiver.BackoffBase)
            {
                errors.Add($"{at}:BackoffMax", $"must be >= BackoffBase ({receiver.BackoffBase:c})", receiver.BackoffMax);
            }

            errors.AtLeast($"{at}:BreakerFailures", receiver.BreakerFailures, 1);
            errors.Positive($"{at}:BreakerDuration", receiver.BreakerDuration);
            if (!string.IsNullOrEmpty(receiver.ExternalUrl))
            {
                errors.HttpUrl($"{at}:ExternalUrl", receiver.ExternalUrl);
            }
        }
    }

    private static bool IsName(string name)
    {
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
