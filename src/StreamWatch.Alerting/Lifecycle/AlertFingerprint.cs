using System.Security.Cryptography;
using System.Text;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>The stable identity of an alert.</summary>
public static class AlertFingerprint
{
    /// <summary>
    /// SHA-256 over the labels sorted by name (ordinal), each as name, NUL, value, NUL; the first 8
    /// bytes as 16 lower-case hex digits. The same label set in any order gives the same
    /// fingerprint. Include the <c>rule</c> label to tell rules apart.
    /// </summary>
    public static string Compute(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var sorted = new List<KeyValuePair<string, string>>(labels);
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            text.Append(key).Append('\0').Append(value).Append('\0');
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
