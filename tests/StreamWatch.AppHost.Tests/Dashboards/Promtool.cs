using System.Diagnostics;
using System.Globalization;
using System.Text;
using StreamWatch.Testing.Processes;

namespace StreamWatch.AppHost.Tests.Dashboards;

/// <summary>Runs Prometheus's own checker (the real parser, not a copy of its grammar).</summary>
internal static class Promtool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var promtool = Binaries.Require("promtool", "prometheus");
        var startInfo = new ProcessStartInfo(promtool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>
    /// Checks PromQL expressions by making each one a recording rule in a temporary rules file:
    /// <c>promtool check rules</c> parses every expression (2.42 has no parse_query endpoint).
    /// </summary>
    public static async Task<(int ExitCode, string Output)> CheckExpressionsAsync(IReadOnlyList<string> expressions)
    {
        var yaml = new StringBuilder("groups:\n  - name: dashboard-expressions\n    rules:\n");
        for (var i = 0; i < expressions.Count; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - record: dashboard_expression_{i}\n        expr: |\n");
            foreach (var line in expressions[i].Split('\n'))
            {
                yaml.Append("          ").Append(line).Append('\n');
            }
        }

        var file = Path.Combine(Path.GetTempPath(), $"streamwatch-exprs-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, yaml.ToString(), TestContext.Current.CancellationToken);
        try
        {
            return await RunAsync("check", "rules", file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
