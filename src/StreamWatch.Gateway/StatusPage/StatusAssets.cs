using System.Security.Cryptography;

namespace StreamWatch.Gateway.StatusPage;

/// <summary>
/// The page's stylesheet and script, embedded in the assembly and served under content-hashed
/// names (<c>/status/assets/status.{hash}.css</c>) so browsers may cache them for a year; a new
/// build changes the name. Each also carries a strong ETag.
/// </summary>
internal sealed class StatusAssets
{
    public const string PathPrefix = "/status/assets/";

    private readonly Dictionary<string, Asset> _byName = new(StringComparer.Ordinal);

    public StatusAssets()
    {
        StylesheetPath = PathPrefix + Load("status.css", "text/css; charset=utf-8");
        ScriptPath = PathPrefix + Load("status.js", "text/javascript; charset=utf-8");
    }

    public string StylesheetPath { get; }

    public string ScriptPath { get; }

    public bool TryGet(string name, out Asset asset) => _byName.TryGetValue(name, out asset!);

    private string Load(string file, string contentType)
    {
        var resource = typeof(StatusAssets).Assembly.GetManifestResourceStream("StreamWatch.Gateway.StatusPage.Assets." + file)
            ?? throw new InvalidOperationException($"The embedded asset {file} is missing from the gateway assembly.");
        using (resource)
        using (var buffer = new MemoryStream())
        {
            resource.CopyTo(buffer);
            var content = buffer.ToArray();
            var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
            var dot = file.LastIndexOf('.');
            var name = file[..dot] + "." + hash + file[dot..];
            _byName[name] = new Asset(content, contentType, "\"" + hash + "\"");
            return name;
        }
    }

    /// <summary>One asset: bytes, content type, strong ETag.</summary>
    internal sealed record Asset(byte[] Content, string ContentType, string ETag);
}
