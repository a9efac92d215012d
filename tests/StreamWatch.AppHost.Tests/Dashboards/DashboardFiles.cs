using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StreamWatch.ServiceDefaults.Configuration;
using StreamWatch.Testing;

namespace StreamWatch.AppHost.Tests.Dashboards;

/// <summary>The files under <c>dashboards/</c> and every PromQL expression they hold.</summary>
internal static partial class DashboardFiles
{
    public static readonly string[] DashboardNames = ["overview.json", "stream-detail.json", "platform.json"];

    public static string Folder => Path.Combine(Corpus.RepositoryRoot, "dashboards");

    public static string PrometheusConfig => Path.Combine(Folder, "prometheus", "prometheus.yml");

    public static string Rules => Path.Combine(Folder, "prometheus", "rules.yml");

    public static JsonObject Load(string name) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name)))!;

    /// <summary>Every panel, rows' nested panels included.</summary>
    public static IEnumerable<JsonObject> Panels(JsonObject dashboard)
    {
        foreach (var panel in dashboard["panels"]!.AsArray().Cast<JsonObject>())
        {
            yield return panel;
            if (panel["panels"] is JsonArray nested)
            {
                foreach (var inner in nested.Cast<JsonObject>())
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>
    /// (where, expression) for every PromQL expression: panel targets and annotations of each dashboard,
    /// the metric selectors inside variable queries (<c>label_values(selector, label)</c>), and rules.yml.
    /// </summary>
    public static List<(string Where, string Expr)> Expressions()
    {
        var result = new List<(string, string)>();
        foreach (var name in DashboardNames)
        {
            var dashboard = Load(name);
            foreach (var panel in Panels(dashboard))
            {
                foreach (var target in panel["targets"]?.AsArray().Cast<JsonObject>() ?? [])
                {
                    result.Add(($"{name} panel {panel["id"]} '{panel["title"]}' {target["refId"]}", (string)target["expr"]!));
                }
            }

            foreach (var annotation in dashboard["annotations"]!["list"]!.AsArray().Cast<JsonObject>())
            {
                if (annotation["expr"] is JsonValue expr)
                {
                    result.Add(($"{name} annotation '{annotation["name"]}'", (string)expr!));
                }
            }

            foreach (var variable in dashboard["templating"]!["list"]!.AsArray().Cast<JsonObject>())
            {
                if ((string?)variable["type"] == "query")
                {
                    var definition = (string)variable["definition"]!;
                    var match = LabelValues().Match(definition);
                    result.Add(($"{name} variable {variable["name"]}", match.Success ? match.Groups["selector"].Value : definition));
                }
            }
        }

        using var rules = File.OpenRead(Rules);
        foreach (var (key, value) in YamlConfigurationProvider.Parse(rules))
        {
            if (key.EndsWith(":expr", StringComparison.Ordinal) && value is not null)
            {
                result.Add(($"rules.yml {key}", value));
            }
        }

        return result;
    }

    /// <summary>Replaces Grafana variables with sample values so the expression is plain PromQL.</summary>
    public static string Substitute(string expr) => Variable().Replace(expr, m => (m.Groups["name"].Value) switch
    {
        "__rate_interval" or "__interval" or "__range" => "1m",
        "DS_PROMETHEUS" => "prometheus",
        "stream" => "stream-1",
        "cdn" => "cdn-a",
        _ => m.Value,
    });

    /// <summary>Grafana variable references: <c>$name</c> or <c>${name}</c>.</summary>
    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?")]
    public static partial Regex Variable();

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*[a-zA-Z_]+\)$")]
    private static partial Regex LabelValues();
}
