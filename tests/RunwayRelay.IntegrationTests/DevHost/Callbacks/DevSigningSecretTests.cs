using RunwayRelay.DevHost.Callbacks;

namespace RunwayRelay.IntegrationTests.DevHost.Callbacks;

public sealed class DevSigningSecretTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "runwayrelay-secret-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void LoadOrCreate_NoFile_MakesAStandardWebhooksSecretAndKeepsIt()
    {
        var (secret, path) = DevSigningSecret.LoadOrCreate(_directory);

        Assert.Null(WebhookSecret.Problem(secret));
        Assert.Equal(32, Convert.FromBase64String(secret[WebhookSecret.Prefix.Length..]).Length);
        Assert.Equal(secret, DevSigningSecret.LoadOrCreate(_directory).Secret);
        Assert.Equal(secret, File.ReadAllText(path));
    }

    [Fact]
    public void LoadOrCreate_SecretFromBeforeStandardWebhooks_ReplacedSoTheDevHostStarts()
    {
        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, DevSigningSecret.FileName);
        File.WriteAllText(path, Convert.ToBase64String(new byte[32]));

        var (secret, _) = DevSigningSecret.LoadOrCreate(_directory);

        Assert.StartsWith(WebhookSecret.Prefix, secret, StringComparison.Ordinal);
        Assert.Null(WebhookSecret.Problem(secret));
        Assert.Equal(secret, File.ReadAllText(path));
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (DirectoryNotFoundException) { }
    }
}
