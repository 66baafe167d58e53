using RunwayRelay.ApiKeys;

namespace RunwayRelay.Tests.ApiKeys;

public sealed class RunwayApiKeyTests
{
    [Fact]
    public void ToString_Always_ShowsFingerprintNotKey()
    {
        var key = new RunwayApiKey("key_" + new string('a', 128), "0123abcd", "RUNWAYML_API_SECRET");

        Assert.DoesNotContain(key.Value, key.ToString());
        Assert.Contains("0123abcd", key.ToString());
    }
}
