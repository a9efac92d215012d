using System.Text.Json.Nodes;

namespace StreamWatch.AppHost.Tests.Dashboards;

/// <summary>dashboards/: Prometheus config and rules pass promtool; Grafana dashboards are well formed and their PromQL parses.</summary>
public sealed class DashboardTests
{
    private static readonly string[] BuiltInVariables = ["__rate_interval", "__interval", "__range", "__interval_ms", "__range_s", "__dashboard"];

    [Fact]
    public async Task Prometheus_config_passes_promtool_check_config()
    {
        var (code, output) = await Promtool.RunAsync("check", "config", DashboardFiles.PrometheusConfig);

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_pass_promtool_check_rules()
    {
        var (code, output) = await Promtool.RunAsync("check", "rules", DashboardFiles.Rules);

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prometheus_scrapes_the_gateway_metrics_as_job_streamwatch()
    {
        var text = File.ReadAllText(DashboardFiles.PrometheusConfig);

        Assert.Contains("job_name: streamwatch", text, StringComparison.Ordinal);
        Assert.Contains("metrics_path: /metrics", text, StringComparison.Ordinal);
        Assert.Contains("\"127.0.0.1:8080\"", text, StringComparison.Ordinal); // the AppHost rewrites this address
        Assert.Contains("- rules.yml", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("overview.json")]
    [InlineData("stream-detail.json")]
    [InlineData("platform.json")]
    public void Dashboard_is_importable_with_a_datasource_input_unique_panel_ids_and_defined_variables(string name)
    {
        var dashboard = DashboardFiles.Load(name);

        var input = Assert.Single(dashboard["__inputs"]!.AsArray().Cast<JsonObject>());
        Assert.Equal("DS_PROMETHEUS", (string?)input["name"]);
        Assert.Equal("datasource", (string?)input["type"]);
        Assert.Equal("prometheus", (string?)input["pluginId"]);
        Assert.False(string.IsNullOrEmpty((string?)dashboard["uid"]));
        Assert.True((int)dashboard["schemaVersion"]! >= 39, "current Grafana schema");
        Assert.Null(dashboard["id"]?.GetValue<int?>());

        var panels = DashboardFiles.Panels(dashboard).ToList();
        var ids = panels.Select(p => (int)p["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(panels, p => (string?)p["type"] != "row");

        var variables = dashboard["templating"]!["list"]!.AsArray().Cast<JsonObject>().ToList();
        var defined = variables.Select(v => (string)v["name"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("DS_PROMETHEUS", defined);
        Assert.Equal("datasource", (string?)variables.Single(v => (string?)v["name"] == "DS_PROMETHEUS")["type"]);
        foreach (var variable in variables.Where(v => (string?)v["type"] == "query"))
        {
            AssertUsesInput(variable["datasource"], $"variable {variable["name"]}");
        }

        foreach (var panel in panels.Where(p => (string?)p["type"] != "row"))
        {
            var where = $"{name} panel {panel["id"]} '{panel["title"]}'";
            AssertUsesInput(panel["datasource"], where);
            var targets = panel["targets"]!.AsArray().Cast<JsonObject>().ToList();
            Assert.NotEmpty(targets);
            Assert.Equal(targets.Count, targets.Select(t => (string)t["refId"]!).Distinct().Count());
            foreach (var target in targets)
            {
                AssertUsesInput(target["datasource"], where);
            }
        }

        // Every $variable used anywhere (expressions, titles, legends) is defined or built in.
        foreach (System.Text.RegularExpressions.Match match in DashboardFiles.Variable().Matches(dashboard.ToJsonString()))
        {
            var variable = match.Groups["name"].Value;
            Assert.True(defined.Contains(variable) || BuiltInVariables.Contains(variable), $"{name} uses ${variable}, which is not defined");
        }
    }

    [Fact]
    public void Dashboard_uids_are_unique()
    {
        var uids = DashboardFiles.DashboardNames.Select(n => (string)DashboardFiles.Load(n)["uid"]!).ToList();

        Assert.Equal(uids.Count, uids.Distinct().Count());
    }

    [Fact]
    public void Stream_detail_has_stream_and_cdn_variables()
    {
        var variables = DashboardFiles.Load("stream-detail.json")["templating"]!["list"]!.AsArray().Select(v => (string)v!["name"]!).ToList();

        Assert.Contains("stream", variables);
        Assert.Contains("cdn", variables);
    }

    [Fact]
    public async Task Every_PromQL_expression_in_dashboards_and_rules_parses()
    {
        var expressions = DashboardFiles.Expressions();
        Assert.True(expressions.Count > 40, $"found only {expressions.Count} expressions");

        var (code, output) = await Promtool.CheckExpressionsAsync([.. expressions.Select(e => DashboardFiles.Substitute(e.Expr))]);

        Assert.True(code == 0, $"{output}\n{string.Join('\n', expressions.Select((e, i) => $"dashboard_expression_{i}: {e.Where}"))}");
    }

    [Fact]
    public async Task The_expression_check_rejects_invalid_PromQL()
    {
        var (code, output) = await Promtool.CheckExpressionsAsync(["sum(rate(streamwatch_probe_errors_total[1m])", "up"]);

        Assert.NotEqual(0, code);
        Assert.Contains("dashboard_expression_0", output, StringComparison.Ordinal);
    }

    private static void AssertUsesInput(JsonNode? datasource, string where)
    {
        Assert.True(datasource is JsonObject, $"{where} has no datasource");
        Assert.Equal("prometheus", (string?)datasource!["type"]);
        Assert.Equal("${DS_PROMETHEUS}", (string?)datasource["uid"]);
    }
}
