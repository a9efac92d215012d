using System.Globalization;
using System.Text;

namespace StreamWatch.Alerting.Rules;

/// <summary>
/// Renders a rule's summary. Placeholders: any label of the alert (<c>{stream}</c>, <c>{cdn}</c>,
/// <c>{rendition}</c>, <c>{rule}</c>, configured labels); <c>{value}</c> (alias <c>{age}</c>), the
/// measured value in the unit of the rule's kind; <c>{percent}</c>, the value × 100;
/// <c>{threshold}</c>; <c>{td}</c>, the target duration in seconds; <c>{window}</c>, the rule's
/// window in seconds. Numbers have at most one decimal. Unknown placeholders are left as written.
/// Rendered only when an alert changes state, never per report.
/// </summary>
public static class SummaryTemplate
{
    /// <summary>Renders <paramref name="template"/>.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> labels, double value, double threshold, TimeSpan targetDuration, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(labels);
        var builder = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                builder.Append(template, i, template.Length - i);
                break;
            }

            builder.Append(template, i, open - i);
            var name = template.Substring(open + 1, close - open - 1);
            string? replacement = name switch
            {
                "value" or "age" => Number(value),
                "percent" => Number(value * 100),
                "threshold" => Number(threshold),
                "td" => Number(targetDuration.TotalSeconds),
                "window" => Number(window.TotalSeconds),
                _ => labels.TryGetValue(name, out var label) ? label : null,
            };
            builder.Append(replacement ?? template.Substring(open, close - open + 1));
            i = close + 1;
        }

        return builder.ToString();
    }

    /// <summary>
    /// A resolved alert's summary: <paramref name="firingSummary"/> (rendered from the last value that breached the
    /// condition) and how long the alert fired, e.g. <c>"...for 9.1 s (target duration 6 s); resolved after 2 min 5 s"</c>.
    /// </summary>
    public static string Resolved(string firingSummary, TimeSpan lasted)
    {
        ArgumentNullException.ThrowIfNull(firingSummary);
        return string.Create(CultureInfo.InvariantCulture, $"{firingSummary}; resolved after {Lasted(lasted)}");
    }

    // Seconds with one decimal below a minute; whole minutes and seconds, or hours and minutes, above.
    private static string Lasted(TimeSpan lasted)
    {
        if (lasted < TimeSpan.Zero)
        {
            lasted = TimeSpan.Zero;
        }

        return lasted.TotalMinutes < 1 ? Number(lasted.TotalSeconds) + " s"
            : lasted.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)lasted.TotalMinutes} min {lasted.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)lasted.TotalHours} h {lasted.Minutes} min");
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
