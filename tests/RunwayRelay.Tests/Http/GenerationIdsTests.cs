namespace RunwayRelay.Tests.Http;

public sealed class GenerationIdsTests
{
    [Fact]
    public void FromIdempotencyKey_SameKey_SameIdOfFixedShape()
    {
        string a = GenerationIds.FromIdempotencyKey("order-42");
        string b = GenerationIds.FromIdempotencyKey("order-42");

        Assert.Equal(a, b);
        Assert.Matches("^g-[0-9a-f]{32}$", a);
        // SHA-256("order-42"), first 32 hex digits: stable across processes and releases.
        Assert.Equal("g-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("order-42"u8))[..32], a);
    }

    [Fact]
    public void FromIdempotencyKey_DifferentKeys_DifferentIds() =>
        Assert.NotEqual(GenerationIds.FromIdempotencyKey("order-42"), GenerationIds.FromIdempotencyKey("order-43"));

    [Fact]
    public void New_TwoCalls_DifferentWellFormedIds()
    {
        string a = GenerationIds.New(), b = GenerationIds.New();

        Assert.NotEqual(a, b);
        Assert.True(GenerationIds.IsWellFormed(a));
        Assert.Matches("^g-[0-9a-f]{32}$", a);
    }

    [Fact]
    public void FromBlob_NewEtag_NewId_SameEtagQuotedOrNot_SameId()
    {
        string a = GenerationIds.FromBlob("runway-inbox", "cat.png", "\"0x8DC1\"");

        Assert.Equal(a, GenerationIds.FromBlob("runway-inbox", "cat.png", "0x8DC1"));
        Assert.NotEqual(a, GenerationIds.FromBlob("runway-inbox", "cat.png", "\"0x8DC2\""));
        Assert.NotEqual(a, GenerationIds.FromBlob("runway-inbox", "dog.png", "\"0x8DC1\""));
        Assert.StartsWith("b-", a);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("naïve")]
    [InlineData("line\nbreak")]
    public void IdempotencyKeyProblem_Unusable_IsReported(string key) => Assert.NotNull(GenerationIds.IdempotencyKeyProblem(key));

    [Fact]
    public void IdempotencyKeyProblem_LengthLimits_OneTo255()
    {
        Assert.Null(GenerationIds.IdempotencyKeyProblem("k"));
        Assert.Null(GenerationIds.IdempotencyKeyProblem(new string('k', 255)));
        Assert.Null(GenerationIds.IdempotencyKeyProblem("a b ~!@#$%^&*()"));
        Assert.NotNull(GenerationIds.IdempotencyKeyProblem(new string('k', 256)));
    }

    [Theory]
    [InlineData("g-0123456789abcdef0123456789abcdef", true)]
    [InlineData("b-x_y", true)]
    [InlineData("a/b", false)]
    [InlineData("a#b", false)]
    [InlineData("", false)]
    public void IsWellFormed_Characters_OnlyLettersDigitsDashUnderscore(string id, bool expected) =>
        Assert.Equal(expected, GenerationIds.IsWellFormed(id));
}
