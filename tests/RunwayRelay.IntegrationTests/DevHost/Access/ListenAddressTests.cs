using RunwayRelay.DevHost.Access;

namespace RunwayRelay.IntegrationTests.DevHost.Access;

/// <summary>The loopback decision is made on the bind address: a wildcard reaches other machines.</summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7071", true)]
    [InlineData("http://127.0.0.2:7071", true)]
    [InlineData("http://localhost:7071", true)]
    [InlineData("http://[::1]:7071", true)]
    [InlineData("http://0.0.0.0:7071", false)]
    [InlineData("http://[::]:7071", false)]
    [InlineData("http://192.168.1.20:7071", false)]
    [InlineData("http://devbox.example:7071", false)]
    public void IsLoopback_BindAddress_TellsLoopbackFromReachableByOthers(string url, bool expected)
    {
        Assert.Equal(expected, ListenAddress.IsLoopback(new Uri(url)));
    }

    [Theory]
    [InlineData("http://0.0.0.0:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://[::]:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://192.168.1.20:7071", "http://192.168.1.20:7071/")]
    [InlineData("http://127.0.0.1:7071", "http://127.0.0.1:7071/")]
    public void Self_WildcardBind_IsReachedOverLoopback(string url, string expected)
    {
        Assert.Equal(new Uri(expected), ListenAddress.Self(new Uri(url)));
    }
}
