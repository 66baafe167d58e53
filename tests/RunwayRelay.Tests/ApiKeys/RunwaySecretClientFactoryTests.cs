using Azure.Identity;
using RunwayRelay.ApiKeys;

namespace RunwayRelay.Tests.ApiKeys;

public sealed class RunwaySecretClientFactoryTests
{
    private static readonly Uri First = new("https://first.vault.azure.net/");
    private static readonly Uri Second = new("https://second.vault.azure.net/");

    [Fact]
    public void Create_SameVaultTwice_SharesOneClient()
    {
        var factory = new RunwaySecretClientFactory(new ClientSecretCredential("tenant", "client", "secret"));

        var client = factory.Create(First);

        Assert.Same(client, factory.Create(First));
        Assert.Equal(First, client.VaultUri);
    }

    [Fact]
    public void Create_AnotherVault_GetsItsOwnClient()
    {
        var factory = new RunwaySecretClientFactory();

        var first = factory.Create(First);
        var second = factory.Create(Second);

        Assert.NotSame(first, second);
        Assert.Equal(Second, second.VaultUri);
    }
}
