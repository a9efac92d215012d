using System.Text;
using StreamWatch.Cli.Drill;
using StreamWatch.Cli.Tests.Support;

namespace StreamWatch.Cli.Tests.Drill;

/// <summary>The receiver's check of <c>X-StreamWatch-Signature</c>, against signatures computed independently (<see cref="WebhookSender.Sign"/>).</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "change-me";
    private const string Body = """{"id":"d-1","event":"firing","alert":{"rule":"ManifestStale"}}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Verify_SignedWithTheSecretJustNow_IsValid()
        => Assert.Null(WebhookSignature.Verify(WebhookSender.Sign(Secret, Now.ToUnixTimeSeconds() - 2, Body), Encoding.UTF8.GetBytes(Body), Secret, Now));

    [Fact]
    public void Verify_SeveralV1Values_AcceptsWhenOneMatches()
    {
        // Senders rotating a secret may send one v1 per secret.
        var good = WebhookSender.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var other = WebhookSender.Sign("old-secret", Now.ToUnixTimeSeconds(), Body);
        var header = $"{other}, v1={good[(good.IndexOf("v1=", StringComparison.Ordinal) + 3)..]}";

        Assert.Null(WebhookSignature.Verify(header, Encoding.UTF8.GetBytes(Body), Secret, Now));
    }

    [Theory]
    [InlineData("other-secret", Body, 0, "does not match")]
    [InlineData(Secret, Body + " ", 0, "does not match")]
    [InlineData(Secret, Body, -301, "old")]
    [InlineData(Secret, Body, 301, "in the future")]
    public void Verify_WrongSecretAlteredBodyOrStaleTimestamp_IsRefusedWithTheReason(string secret, string signedBody, int secondsFromNow, string reason)
    {
        var header = WebhookSender.Sign(secret, Now.ToUnixTimeSeconds() + secondsFromNow, signedBody);

        Assert.Contains(reason, WebhookSignature.Verify(header, Encoding.UTF8.GetBytes(Body), Secret, Now), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "no X-StreamWatch-Signature")]
    [InlineData("", "no X-StreamWatch-Signature")]
    [InlineData("v1=abcd", "malformed")]
    [InlineData("t=1795291200", "malformed")]
    [InlineData("t=yesterday,v1=00", "malformed")]
    [InlineData("t=1795291200,v1=zz", "does not match")]
    [InlineData("t=1795291200,v1=00", "does not match")]
    [InlineData("t=99999999999999999,v1=00", "in the future")]
    public void Verify_MissingOrMalformedHeader_IsRefusedNotThrown(string? header, string reason)
        => Assert.Contains(reason, WebhookSignature.Verify(header, Encoding.UTF8.GetBytes(Body), Secret, Now), StringComparison.Ordinal);
}
