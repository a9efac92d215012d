using System.CommandLine;
using StreamWatch.Cli.Fetching;
using StreamWatch.Cli.Output;

namespace StreamWatch.Cli.Drill;

/// <summary>
/// <c>streamwatch drill --lab URL --fault KIND --stream ID --cdn NAME [--for 30s] [--rendition R] [--param key=value ...]
/// [--format text|jsonl] [--timeout duration]</c>.
/// </summary>
internal static class DrillCommand
{
    /// <summary>How long the fault stays in when <c>--for</c> is not given: 30 seconds.</summary>
    public static readonly TimeSpan DefaultFor = TimeSpan.FromSeconds(30);

    public static Command Create(CliServices services)
    {
        var lab = new Option<string>("--lab") { Description = "The StreamWatch Lab's base URL, e.g. http://127.0.0.1:8090.", HelpName = "url", Required = true };
        var fault = new Option<string>("--fault") { Description = "The Lab fault kind: stale, http-error, timeout, lag, sequence-regression… (src/StreamWatch.Lab/README.md).", HelpName = "kind", Required = true };
        var stream = new Option<string>("--stream") { Description = "The Lab stream id, e.g. stream-1.", HelpName = "id", Required = true };
        var cdn = new Option<string>("--cdn") { Description = "The CDN edge the fault hits, e.g. cdn-a.", HelpName = "name", Required = true };
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
            if (LabUrl(value) is null)
            {
                result.AddError($"--lab '{value}' is not an http(s) URL, e.g. http://127.0.0.1:8090");
            }
        });
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Jsonl);
        var timeout = CommonOptions.Timeout();
        var command = new Command(
            "drill",
            "Inject a Lab fault into one stream on one CDN, watch what StreamWatch observes (timeline relative to injection), "
            + "delete the fault after --for (also on Ctrl+C) and watch for recovery. "
            + "Exit code 0: detected and recovered; 1: not detected or not recovered; 2: the Lab, stream or fault request is invalid.")
        {
            lab,
            fault,
            stream,
            cdn,
            duration,
            rendition,
            parameters,
            format,
            timeout,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var fetch = parse.GetValue(timeout) is { } requestTimeout ? services.Fetch with { RequestTimeout = requestTimeout } : services.Fetch;
            var request = new DrillRequest(
                LabUrl(parse.GetRequiredValue(lab))!,
                parse.GetRequiredValue(fault),
                parse.GetRequiredValue(stream),
                parse.GetRequiredValue(cdn),
                parse.GetValue(rendition),
                parse.GetValue(duration),
                [.. (parse.GetValue(parameters) ?? []).Select(p => ParseParameter(p, out _)!.Value)]);
            return RunAsync(request, CommonOptions.FormatValue(parse, format), fetch, services, parse.InvocationConfiguration, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        DrillRequest request, OutputFormat format, FetchOptions fetch, CliServices services, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        IDrillOutput output = format == OutputFormat.Jsonl ? new DrillJsonlOutput(io.Output) : new DrillTextOutput(Terminal.Create(io.Output));
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

    private static Uri? LabUrl(string value)
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
