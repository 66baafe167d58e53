using System.Security.Cryptography;
using RunwayRelay.ApiKeys;

namespace RunwayRelay.Tests.ApiKeys;

public sealed class RunwayApiKeyFormatTests
{
    private static string NewKey() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(64));

    [Fact]
    public void Describe_WellFormedKey_ReturnsNull()
    {
        Assert.Null(RunwayApiKeyFormat.Describe(NewKey()));
    }

    [Fact]
    public void Describe_MissingPrefix_SaysSoWithoutEchoingTheKey()
    {
        string key = "sk_" + NewKey()[4..];

        var problem = RunwayApiKeyFormat.Describe(key)!;

        Assert.Contains("does not start with 'key_'", problem);
        Assert.DoesNotContain(key[3..20], problem);
    }

    [Theory]
    [InlineData(131)]
    [InlineData(133)]
    [InlineData(40)]
    public void Describe_WrongLength_GivesTheLengthInsteadOf132(int length)
    {
        string key = (NewKey() + new string('a', 10))[..length];

        var problem = RunwayApiKeyFormat.Describe(key)!;

        Assert.Contains($"is {length} characters long instead of 132", problem);
        Assert.DoesNotContain(key[4..], problem);
    }

    [Fact]
    public void Describe_UppercaseHex_GivesItsPosition()
    {
        char[] key = NewKey().ToCharArray();
        key[49] = 'F';

        var problem = RunwayApiKeyFormat.Describe(new string(key))!;

        Assert.Contains("uppercase", problem);
        Assert.Contains("position 50", problem);
        Assert.DoesNotContain(new string(key)[4..], problem);
    }

    [Fact]
    public void Describe_NonHexCharacter_GivesItsPosition()
    {
        char[] key = NewKey().ToCharArray();
        key[131] = 'z';

        var problem = RunwayApiKeyFormat.Describe(new string(key))!;

        Assert.Contains("not a hex digit at position 132", problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Describe_Empty_SaysEmpty(string? key)
    {
        Assert.Equal("is empty", RunwayApiKeyFormat.Describe(key));
    }

    [Fact]
    public void Fingerprint_IsFirst8HexOfSha256()
    {
        string key = NewKey();

        string expected = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..8];

        Assert.Equal(expected, RunwayApiKeyFormat.Fingerprint(key));
        Assert.DoesNotContain(expected, key[4..12]);
    }
}
