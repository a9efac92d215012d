namespace StreamWatch.ServiceDefaults.Telemetry;

/// <summary>The ActivitySources and Meters the default telemetry listens to.</summary>
public static class TelemetryNames
{
    /// <summary>The root of StreamWatch's own sources and meters; services name theirs <c>StreamWatch.&lt;Part&gt;</c>.</summary>
    public const string StreamWatch = "StreamWatch";

    /// <summary>ActivitySources traced: ASP.NET Core, HttpClient, DNS, sockets, TLS and StreamWatch's own.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
    [
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "System.Net.NameResolution",
        "System.Net.Sockets",
        "System.Net.Security",
        StreamWatch,
        StreamWatch + ".*",
    ];

    /// <summary>Meters exported over OTLP: ASP.NET Core, Kestrel, HttpClient, DNS, the runtime and StreamWatch's own.</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "System.Net.NameResolution",
        "System.Runtime",
        StreamWatch,
        StreamWatch + ".*",
    ];
}
