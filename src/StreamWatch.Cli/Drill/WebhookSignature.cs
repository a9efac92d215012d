using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StreamWatch.Cli.Drill;

/// <summary>
/// Checks <c>X-StreamWatch-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;</c>
/// (CONTRACTS.md, webhook delivery) the way a receiver should: over the raw bytes, in constant time, and refusing
/// timestamps outside <see cref="Tolerance"/> so a captured delivery cannot be replayed later.
/// </summary>
internal static class WebhookSignature
{
    /// <summary>How far a signature's timestamp may be from the receiver's clock, either way: 5 minutes.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const int HashBytes = 32;

    /// <summary>Null when <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> at a time near <paramref name="now"/>; else why not.</summary>
    public static string? Verify(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return "no X-StreamWatch-Signature header";
        }

        string? timestamp = null;
        var candidates = new List<string>(1);
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                timestamp = part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                candidates.Add(part[3..]);
            }
        }

        if (timestamp is null || candidates.Count == 0
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds))
        {
            return "malformed X-StreamWatch-Signature (expected t=<unix seconds>,v1=<hex>)";
        }

        var signedAt = unixSeconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds) : DateTimeOffset.MaxValue;
        var skew = now - signedAt;
        if (skew > Tolerance || -skew > Tolerance)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"signature timestamp {signedAt:yyyy-MM-ddTHH:mm:ssZ} is {DurationSyntax.Format(skew.Duration())} {(skew > TimeSpan.Zero ? "old" : "in the future")} (limit {DurationSyntax.Format(Tolerance)})");
        }

        // "<t>.<raw body>", with t exactly as sent: re-formatting the number could change the bytes that were signed.
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        Span<byte> expected = stackalloc byte[HashBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, expected);

        Span<byte> given = stackalloc byte[HashBytes];
        foreach (var candidate in candidates)
        {
            if (candidate.Length == HashBytes * 2
                && Convert.FromHexString(candidate, given, out _, out var written) == System.Buffers.OperationStatus.Done
                && written == HashBytes
                && CryptographicOperations.FixedTimeEquals(expected, given))
            {
                return null;
            }
        }

        return "signature does not match (wrong secret, or the body was altered)";
    }
}
