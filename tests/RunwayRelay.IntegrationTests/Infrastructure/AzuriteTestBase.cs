namespace RunwayRelay.IntegrationTests.Infrastructure;

/// <summary>
/// A test class on the one Azurite the whole run shares: the collection runs such classes one after another (they
/// share its accounts), so a class names only the base and what it tests.
/// </summary>
[Collection(AzuriteCollection.Name)]
public abstract class AzuriteTestBase(AzuriteFixture azurite)
{
    protected AzuriteFixture Azurite { get; } = azurite;
}
