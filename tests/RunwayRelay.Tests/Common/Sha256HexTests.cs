using RunwayRelay.ApiKeys;

namespace RunwayRelay.Tests.Common;

/// <summary>
/// Every name derived from a SHA-256 is durable (generation ids, blob names, webhook ids) or compared across runs
/// (key fingerprints in logs): the values are pinned so that moving the hashing to one helper cannot change them.
/// </summary>
public sealed class Sha256HexTests
{
    [Fact]
    public void Of_KnownInputs_AreTheLowerCaseHexOfTheUtf8Sha256()
    {
        // FIPS 180-2's test vector and the empty string.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256Hex.Of("abc"));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256Hex.Of(""));
        Assert.Equal("ba7816bf", Sha256Hex.Of("abc", 8));
    }

    [Fact]
    public void DerivedNames_KnownInputs_StayTheSame()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", PromptHash.Of(null));
        Assert.Equal("0cb7550fe6ee70f623f544d11a07e44b09257270fa025cf4322a183a33d6d555", PromptHash.Of("a cat on a skateboard"));
        Assert.Equal("msg_53c2c9397c83989122fafd997631baa8", WebhookIds.For("g-1", "generation.succeeded"));
        Assert.Equal("g-be2974546978e3739e6d6da85c4be9f3", GenerationIds.FromIdempotencyKey("key-1"));
        Assert.Equal("w-d8a325a1e4fc7388fbe3997bce4fd8db", GenerationIds.FromCallbackUrl(new Uri("https://example.com/cb")));
        Assert.Equal("b-41fffc66ee992623cd5a046a336b3809", GenerationIds.FromBlob("runway-inbox", "cat.png", "\"0x8DC\""));
        Assert.Equal("names/982aba515b2095aa65d8fb0212dfa7d3a0acdf46ecb4665c6665c9190928487c.json", OutputNameReservations.BlobName("videos/cat.mp4"));
        Assert.Equal("e4017ac4", RunwayApiKeyFormat.Fingerprint("key_" + string.Concat(Enumerable.Repeat("ab", 64))));
    }
}
