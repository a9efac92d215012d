using StreamWatch.Media;

namespace StreamWatch.Cli.Output;

/// <summary>The lower-case names the JSON contracts use for kinds and severities.</summary>
internal static class ContractNames
{
    public static string Kind(ManifestKind kind) => kind switch
    {
        ManifestKind.HlsMultivariant => "hls-multivariant",
        ManifestKind.HlsMedia => "hls-media",
        ManifestKind.Dash => "dash",
        _ => "unknown",
    };

    public static string Severity(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "info",
    };
}
