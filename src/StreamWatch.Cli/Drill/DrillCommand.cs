using System.CommandLine;
using StreamWatch.Cli.Fetching;
using StreamWatch.Cli.Output;
using StreamWatch.Media;

namespace StreamWatch.Cli.Drill;

/// <summary>
/// <c>streamwatch drill --lab URL --fault KIND --stream ID --cdn NAME [--for 30s] [--rendition R] [--param key=value ...]
/// [--gateway URL] [--webhook-listen URL --webhook-secret S] [--wait-for-resolve 60s] [--alert-for 10s]
/// [--format text|jsonl] [--timeout duration]</c>.
/// </summary>
internal static class DrillCommand
{
    /// <summary>How long the fault stays in when <c>--for</c> is not given: 30 seconds.</summary>
    public static readonly TimeSpan DefaultFor = TimeSpan.FromSeconds(30);

    /// <summary>The environment variable read for the webhook secret when <c>--webhook-secret</c> is absent (keeps it out of shell history and ps).</summary>
    public const string SecretVariable = "STREAMWATCH_WEBHOOK_SECRET";

    // Columns for text output to a file or pipe: wide enough that no timeline line wraps.
    private const int UnwrappedWidth = 4096;

    public static Command Create(CliServices services)
    {
        var lab = new Option<string>("--lab") { Description = "The StreamWatch Lab's base URL, e.g. http://127.0.0.1:8090.", HelpName = "url", Required = true };
        var fault = new Option<string>("--fault") { Description = "The Lab fault kind: stale, http-error, timeout, lag, sequence-regression… (src/StreamWatch.Lab/README.md).", HelpName = "kind", Required = true };
        var stream = new Option<string>("--stream") { Description = "The Lab stream id, e.g. stream-1.", HelpName = "id", Required = true };
        var cdn = new Option<string>("--cdn") { Description = "The CDN edge the fault hits, e.g. cdn-a; origin faults the origin and, through it, every CDN.", HelpName = "name", Required = true };
        var duration = CommonOptions.Duration("--for", "How long the fault stays in before the drill deletes it, e.g. 30s, 2m (default 30s).", DefaultFor);
        var rendition = new Option<string?>("--rendition") { Description = "Fault only this rendition (e.g. 720p); the whole stream when absent.", HelpName = "id" };
        var parameters = new Option<string[]>("--param")
        {
            Description = "A fault parameter as key=value, repeatable: --param status=503 --param rate=0.5. Numbers are sent as numbers, the rest as strings.",
            HelpName = "key=value",
            DefaultValueFactory = _ => [],
        };
        parameters.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (ParseParameter(token.Value, out var error) is null)
                {
                    result.AddError(error!);
                }
            }
        });
        lab.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (HttpUrl(value) is null)
            {
                result.AddError($"--lab '{value}' is not an http(s) URL, e.g. http://127.0.0.1:8090");
            }
        });
        var gateway = new Option<string?>("--gateway")
        {
            Description = "The StreamWatch gateway's base URL, e.g. http://127.0.0.1:8080: poll its status and alerts API during the drill and report alerts and status changes.",
            HelpName = "url",
        };
        gateway.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (HttpUrl(value) is null)
            {
                result.AddError($"--gateway '{value}' is not an http(s) URL, e.g. http://127.0.0.1:8080");
            }
        });
        var webhookListen = new Option<string?>("--webhook-listen")
        {
            Description = "Receive StreamWatch's webhooks during the drill on this http URL, e.g. http://127.0.0.1:8099/ (any path is accepted); needs --webhook-secret.",
            HelpName = "url",
        };
        webhookListen.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
            {
                result.AddError($"--webhook-listen '{value}' is not an http URL to listen on, e.g. http://127.0.0.1:8099/");
            }
        });
        var webhookSecret = new Option<string?>("--webhook-secret")
        {
            Description = $"The shared secret StreamWatch signs webhooks with (its webhooks[].secret); defaults to ${SecretVariable}.",
            HelpName = "secret",
        };
        var waitForResolve = CommonOptions.Duration(
            "--wait-for-resolve",
            "With --gateway or --webhook-listen: how long after clearing the fault to wait for the alert to resolve, e.g. 90s (default 60s).",
            DrillAlertingOptions.DefaultWaitForResolve);
        var alertFor = new Option<TimeSpan>("--alert-for")
        {
            Description = "The alert rule's 'for', added to the firing bound, e.g. 0s, 10s (default 10s: the built-in ManifestStale and ManifestUnavailable rules).",
            HelpName = "duration",
            DefaultValueFactory = _ => DrillAlertingOptions.DefaultAlertFor,
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                // A bare 0 needs no unit; otherwise the one duration syntax, zero allowed.
                if (token.Trim() == "0")
                {
                    return TimeSpan.Zero;
                }

                if (DurationText.TryParse(token, out var value) && value >= TimeSpan.Zero)
                {
                    return value;
                }

                result.AddError($"--alert-for '{token}' is not a duration: use 0s or a positive number with ms, s, m or h, e.g. 10s.");
                return DrillAlertingOptions.DefaultAlertFor;
            },
        };
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Jsonl);
        var timeout = CommonOptions.Timeout();
        var command = new Command(
            "drill",
            "Inject a Lab fault into one stream on one CDN, watch what StreamWatch observes (timeline relative to injection), "
            + "delete the fault after --for (also on Ctrl+C) and watch for recovery. "
            + "With --gateway and/or --webhook-listen, also report StreamWatch's alert, status and webhooks. "
            + "Exit code 0: detected and recovered (and the alert fired and resolved where asked); 1: not; 2: the Lab, gateway, receiver, stream or fault request is invalid.")
        {
            lab,
            fault,
            stream,
            cdn,
            duration,
            rendition,
            parameters,
            gateway,
            webhookListen,
            webhookSecret,
            waitForResolve,
            alertFor,
            format,
            timeout,
        };
        command.Validators.Add(result =>
        {
            var listening = result.GetValue(webhookListen) is not null;
            var secret = result.GetValue(webhookSecret);
            if (listening && string.IsNullOrEmpty(secret ?? Environment.GetEnvironmentVariable(SecretVariable)))
            {
                result.AddError($"--webhook-listen needs the webhooks' shared secret: --webhook-secret S (or ${SecretVariable})");
            }
            else if (!listening && secret is not null)
            {
                result.AddError("--webhook-secret is only used with --webhook-listen");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var fetch = parse.GetValue(timeout) is { } requestTimeout ? services.Fetch with { RequestTimeout = requestTimeout } : services.Fetch;
            var request = new DrillRequest(
                HttpUrl(parse.GetRequiredValue(lab))!,
                parse.GetRequiredValue(fault),
                parse.GetRequiredValue(stream),
                parse.GetRequiredValue(cdn),
                parse.GetValue(rendition),
                parse.GetValue(duration),
                [.. (parse.GetValue(parameters) ?? []).Select(p => ParseParameter(p, out _)!.Value)],
                new DrillAlertingOptions(
                    parse.GetValue(gateway) is { } gatewayUrl ? HttpUrl(gatewayUrl) : null,
                    parse.GetValue(webhookListen) is { } listenUrl ? new Uri(listenUrl, UriKind.Absolute) : null,
                    parse.GetValue(webhookSecret) ?? Environment.GetEnvironmentVariable(SecretVariable),
                    parse.GetValue(waitForResolve),
                    parse.GetValue(alertFor)));
            return RunAsync(request, CommonOptions.FormatValue(parse, format), fetch, services, parse.InvocationConfiguration, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        DrillRequest request, OutputFormat format, FetchOptions fetch, CliServices services, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        IDrillOutput output = format == OutputFormat.Jsonl ? new DrillJsonlOutput(io.Output) : new DrillTextOutput(TextConsole(io.Output));
        using var lab = new LabClient(request.Lab, fetch);
        using var fetcher = new ManifestFetcher(fetch);
        int code;
        try
        {
            code = await new DrillRunner(lab, fetcher, fetch, services.Time, output, io.Error).RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C while reading the Lab's catalog: nothing was injected.
            code = ExitCodes.Interrupted;
        }

        await io.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return code;
    }

    // Timeline lines carry alert summaries and webhook details: wrapped in a file or a pipe, one event would become two lines.
    private static Spectre.Console.IAnsiConsole TextConsole(TextWriter writer)
    {
        var console = Terminal.Create(writer);
        if (!console.Profile.Capabilities.Interactive)
        {
            console.Profile.Width = UnwrappedWidth;
        }

        return console;
    }

    private static Uri? HttpUrl(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;

    private static KeyValuePair<string, string>? ParseParameter(string text, out string? error)
    {
        error = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            error = $"--param '{text}' is not key=value, e.g. --param status=503";
            return null;
        }

        var key = text[..equals].Trim();
        if (FaultJson.Reserved.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            error = $"--param {key} is set by the drill itself (--cdn, --stream, --rendition, --fault, --for; faults start at once)";
            return null;
        }

        return new(key, text[(equals + 1)..]);
    }
}
