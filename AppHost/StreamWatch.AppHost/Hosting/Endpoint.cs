using System.Globalization;

namespace StreamWatch.AppHost.Hosting;

/// <summary>A named port of a resource (Aspire's endpoint): <c>http</c>, <c>grpc</c> (h2c) or <c>tcp</c>.</summary>
internal sealed class Endpoint(Resource owner, string name, string scheme, int defaultPort, bool isFixed)
{
    /// <summary>The resource it belongs to.</summary>
    public Resource Owner { get; } = owner;

    /// <summary>The endpoint name used in <c>services__{resource}__{name}__0</c>.</summary>
    public string Name { get; } = name;

    /// <summary><c>http</c> or <c>tcp</c> (gRPC endpoints are plain-text HTTP/2: <c>http</c>).</summary>
    public string Scheme { get; } = scheme;

    /// <summary>The port wanted; 0 means any free port.</summary>
    public int DefaultPort { get; } = defaultPort;

    /// <summary>True when the port must be exactly <see cref="DefaultPort"/> (the AppHost stops if it is taken).</summary>
    public bool IsFixed { get; } = isFixed;

    /// <summary>The port chosen when the application was built.</summary>
    public int Port { get; set; }

    /// <summary>The host the services listen on (loopback only).</summary>
    public static string Host => "127.0.0.1";

    /// <summary><c>http://127.0.0.1:port</c>, or <c>127.0.0.1:port</c> for TCP.</summary>
    public string Url => Scheme == "tcp"
        ? string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"{Scheme}://{Host}:{Port}");
}
