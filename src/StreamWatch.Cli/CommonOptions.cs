using System.CommandLine;
using System.CommandLine.Parsing;
using StreamWatch.Cli.Output;

namespace StreamWatch.Cli;

/// <summary>Options shared by the commands.</summary>
internal static class CommonOptions
{
    /// <summary><c>--format</c>, accepting only <paramref name="allowed"/> (the first is the default); read it with <see cref="FormatValue"/>.</summary>
    public static Option<string> Format(params OutputFormat[] allowed)
    {
        // A string option so help shows the names people type ("[default: text]"), not enum member names.
        var names = Array.ConvertAll(allowed, Name);
        var option = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(" or ", names)}.",
            DefaultValueFactory = _ => names[0],
            HelpName = string.Join('|', names),
        };
        option.AcceptOnlyFromAmong(names);
        return option;
    }

    /// <summary>The format chosen with an option made by <see cref="Format"/>.</summary>
    public static OutputFormat FormatValue(ParseResult parse, Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(option) switch
        {
            "json" => OutputFormat.Json,
            "jsonl" => OutputFormat.Jsonl,
            _ => OutputFormat.Text,
        };
    }

    private static string Name(OutputFormat format) => format switch
    {
        OutputFormat.Json => "json",
        OutputFormat.Jsonl => "jsonl",
        _ => "text",
    };

    /// <summary><c>--timeout</c>: the longest wait for one whole HTTP request.</summary>
    public static Option<TimeSpan?> Timeout() => new("--timeout")
    {
        Description = "Longest wait for one whole HTTP request, e.g. 500ms, 10s (default 10s; connecting is also bounded by 5s).",
        HelpName = "duration",
        CustomParser = ParseDuration,
    };

    /// <summary>A duration option (<c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>) with a default.</summary>
    public static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        HelpName = "duration",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseDuration(result) ?? defaultValue,
    };

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (DurationSyntax.TryParse(token, out var value))
        {
            return value;
        }

        // Name the option: a command with several durations (drill: --for, --wait-for-resolve, --timeout) must say which one.
        var option = (result.Parent as OptionResult)?.Option.Name;
        result.AddError($"{(option is null ? string.Empty : option + " ")}'{token}' is not a duration: use a positive number with ms, s, m or h, e.g. 500ms, 30s, 2m, 1h30m.");
        return null;
    }
}
