using System.Security.Cryptography;
using System.Text;
using RunwayRelay.Tests.Http;

namespace RunwayRelay.Tests.Callbacks;

public sealed class WebhookSignerTests
{
    // The Standard Webhooks specification's example secret.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Previous = "whsec_dGhpcy1pcy1hLXRlc3Qtc2lnbmluZy1rZXktMzJi";

    [Fact]
    public void Sign_SpecExample_MatchesTheSpecsSignature()
    {
        var signer = new WebhookSigner(HttpTestKit.Monitor(new CallbackOptions { SigningSecret = Secret }));

        var headers = signer.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", DateTimeOffset.FromUnixTimeSeconds(1614265330), "{\"test\": 2432232314}"u8.ToArray())
            .ToDictionary();

        Assert.Equal("msg_p5jXN8AQM9LWM0D4loKWxJek", headers[WebhookHeaders.Id]);
        Assert.Equal("1614265330", headers[WebhookHeaders.Timestamp]);
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", headers[WebhookHeaders.Signature]);
    }

    [Fact]
    public void Sign_PreviousSecretSet_SecondSignatureIsTheHmacWithIt()
    {
        var signer = new WebhookSigner(HttpTestKit.Monitor(new CallbackOptions { SigningSecret = Secret, PreviousSigningSecret = Previous }));
        byte[] body = "{\"type\":\"generation.completed\"}"u8.ToArray();
        var at = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000).AddMilliseconds(700);

        string[] signatures = signer.Sign("msg_1", at, body).ToDictionary()[WebhookHeaders.Signature].Split(' ');

        Assert.Equal([Expected(Secret, "msg_1", 1_800_000_000, body), Expected(Previous, "msg_1", 1_800_000_000, body)], signatures);
    }

    [Fact]
    public void Sign_BodyNotUtf8_Throws()
    {
        var signer = new WebhookSigner(HttpTestKit.Monitor(new CallbackOptions { SigningSecret = Secret }));

        Assert.ThrowsAny<ArgumentException>(() => signer.Sign("msg_1", DateTimeOffset.UnixEpoch, [0xC3, 0x28]));
    }

    /// <summary>HMAC-SHA256 of "id.timestamp.body" with the base64 key after whsec_, computed without the package.</summary>
    private static string Expected(string secret, string id, long timestamp, byte[] body)
    {
        byte[] key = Convert.FromBase64String(secret["whsec_".Length..]);
        byte[] message = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body];
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, message));
    }
}
