using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Gateway.Security;

/// <summary>Checks the <c>Gateway</c> section at start. Error messages never repeat a key's value.</summary>
internal sealed class GatewaySecurityOptionsValidator() : SettingsValidator<GatewaySecurityOptions>(GatewaySecurityOptions.SectionName)
{
    protected override void Validate(GatewaySecurityOptions options, SettingErrors errors)
    {
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key) || key.AsSpan().ContainsAny(" \t\r\n"))
            {
                errors.Add($"ApiKeys:{i}", "must be a non-empty key without whitespace");
            }
        }

        errors.AtLeast("RateLimit:PermitLimit", options.RateLimit.PermitLimit, 1);
        errors.Positive("RateLimit:Window", options.RateLimit.Window);
        errors.AtLeast("MaxRequestBodyBytes", options.MaxRequestBodyBytes, 1L);
        for (var i = 0; i < options.Cors.AllowedOrigins.Count; i++)
        {
            errors.HttpUrl($"Cors:AllowedOrigins:{i}", options.Cors.AllowedOrigins[i]);
        }

        errors.Required("ContentSecurityPolicy", options.ContentSecurityPolicy);
    }
}
