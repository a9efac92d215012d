namespace StreamWatch.Cli.Output;

/// <summary>How a command writes its results to standard output.</summary>
public enum OutputFormat
{
    /// <summary>Tables and lines for people.</summary>
    Text,

    /// <summary>One JSON document (<c>check</c>).</summary>
    Json,

    /// <summary>One JSON object per line (<c>watch</c>).</summary>
    Jsonl,
}
