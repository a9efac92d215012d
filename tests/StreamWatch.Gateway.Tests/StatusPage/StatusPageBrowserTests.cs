using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using StreamWatch.Gateway.Tests.TestSupport;
using StreamWatch.Testing;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Gateway.Tests.StatusPage;

/// <summary>
/// The status page in Debian's chromium, driven by Microsoft.Playwright (never a downloaded
/// browser), against the real gateway process and the real alerting service.
/// </summary>
public sealed class StatusPageBrowserTests
{
    // PLATFORM.md's flags for chromium here; the user-data-dir is a fresh one per run (persistent context).
    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private static string ResultsDirectory => Path.Combine(Corpus.RepositoryRoot, "artifacts", "test-results");

    [Fact]
    public async Task Page_lists_streams_shows_a_pushed_state_change_live_and_survives_a_gateway_restart()
    {
        var chromium = Binaries.Require("chromium", "chromium");
        await using var alerting = await AlertingHost.StartAsync();
        alerting.Healthy();
        var port = FreePort.Next();
        var gateway = await GatewayUnderTest.StartAsync(port, alerting.Address);
        var profile = Directory.CreateTempSubdirectory("streamwatch-chromium-");
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ChromiumFlags,
                ViewportSize = new ViewportSize { Width = 412, Height = 915 }, // a phone
                Timeout = 60_000,
            });
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            page.SetDefaultTimeout(30_000); // hang guard on a loaded machine, not a timing assert
            var errors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add(message.Text);
                }
            };

            await page.GotoAsync($"http://127.0.0.1:{port}/");

            // The streams are listed, by name, in plain words.
            var hindi = page.Locator("#stream-final-hindi");
            var news = page.Locator("#stream-news");
            Assert.Equal(AlertingHost.HindiName, await hindi.Locator("h3").InnerTextAsync());
            Assert.Equal(AlertingHost.NewsName, await news.Locator("h3").InnerTextAsync());
            Assert.Contains("All good", await hindi.InnerTextAsync(), StringComparison.Ordinal);
            await page.WaitForSelectorAsync("body[data-live='true']");
            await page.EvaluateAsync("() => { window.__streamwatchNoReload = true; }");

            // A state change pushed through the real alerting service appears without a reload.
            var clock = Stopwatch.StartNew();
            alerting.BreakCdnB();
            await page.WaitForFunctionAsync("() => (document.querySelector('#stream-final-hindi .headline')?.textContent ?? '').includes('Viewers on cdn-b')");
            var shownAfter = clock.Elapsed;
            var line = string.Create(CultureInfo.InvariantCulture, $"status page: cdn-b failure shown in the browser {shownAfter.TotalMilliseconds:F0} ms after ingest (target 2,000 ms)");
            TestContext.Current.TestOutputHelper?.WriteLine(line);
            Console.WriteLine(line);
            Assert.Contains("Viewers on cdn-b", await page.Locator("#announcer").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("degraded", await hindi.GetAttributeAsync("data-state"));
            Assert.True(await page.EvaluateAsync<bool>("() => window.__streamwatchNoReload === true"));

            Directory.CreateDirectory(ResultsDirectory);
            await File.AppendAllTextAsync(Path.Combine(ResultsDirectory, "status-page-latency.txt"), line + Environment.NewLine, TestContext.Current.CancellationToken);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ResultsDirectory, "status-page.png"), FullPage = true });

            // The gateway restarts: the page says so, its EventSource reconnects by itself, and live updates flow again.
            await gateway.DisposeAsync();
            await page.WaitForSelectorAsync("body[data-live='false']");
            gateway = await GatewayUnderTest.StartAsync(port, alerting.Address);
            await page.WaitForSelectorAsync("body[data-live='true']", new PageWaitForSelectorOptions { Timeout = 60_000 });
            alerting.Feed("news", "cdn-a", ok: true);
            await page.WaitForFunctionAsync("() => (document.querySelector('#stream-news .headline')?.textContent ?? '') === 'All good'");
            Assert.True(await page.EvaluateAsync<bool>("() => window.__streamwatchNoReload === true"));

            // ManifestUnavailable (critical) fires on cdn-b after its 10 s "for": the incident is listed
            // and the hour in progress of the 24-hour bar turns to outage (from alerting's history).
            await page.WaitForSelectorAsync("#stream-final-hindi .day .slot-outage:last-child");
            Assert.Contains("cdn-b", await page.Locator("#incidents").InnerTextAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ResultsDirectory, "status-page-after-gateway-restart.png"), FullPage = true });

            // No CSP or script errors (the EventSource's own reconnect errors aside).
            Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || e.Contains("TypeError", StringComparison.Ordinal));
        }
        finally
        {
            await gateway.DisposeAsync();
            profile.Delete(recursive: true);
        }
    }
}
