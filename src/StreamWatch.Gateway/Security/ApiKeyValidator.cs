using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace StreamWatch.Gateway.Security;

/// <summary>
/// Checks a presented API key against the configured ones in constant time: both sides are
/// SHA-256 hashed (equal lengths, nothing learned from where a comparison stops) and compared with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, every configured key every time.
/// </summary>
internal sealed class ApiKeyValidator
{
    private const int HashSize = 32;
    private readonly byte[][] _hashes;

    public ApiKeyValidator(IOptions<GatewaySecurityOptions> options)
    {
        var keys = options.Value.ApiKeys;
        _hashes = new byte[keys.Count][];
        for (var i = 0; i < keys.Count; i++)
        {
            _hashes[i] = SHA256.HashData(Encoding.UTF8.GetBytes(keys[i]));
        }
    }

    /// <summary>True when at least one key is configured.</summary>
    public bool HasKeys => _hashes.Length > 0;

    /// <summary>True when <paramref name="presented"/> is one of the configured keys.</summary>
    public bool IsValid(ReadOnlySpan<char> presented)
    {
        if (presented.IsEmpty || _hashes.Length == 0)
        {
            return false;
        }

        var length = Encoding.UTF8.GetMaxByteCount(presented.Length);
        byte[]? rented = null;
        var bytes = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(presented, bytes);
            Span<byte> hash = stackalloc byte[HashSize];
            SHA256.HashData(bytes[..written], hash);
            var match = false;
            foreach (var candidate in _hashes)
            {
                match |= CryptographicOperations.FixedTimeEquals(hash, candidate);
            }

            return match;
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented);
                ArrayPool<byte>.Shared.Return(rented);
            }
            else
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }
    }
}
