namespace RunwayRelay.ApiKeys;

/// <summary>Supplies the Runway API key: Key Vault when configured, else <c>RUNWAYML_API_SECRET</c>.</summary>
public interface IRunwayApiKeyProvider
{
    /// <summary>The key, cached; throws <see cref="RunwayApiKeyException"/> with an actionable message when unavailable or malformed.</summary>
    ValueTask<RunwayApiKey> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Forget the cached key so the next <see cref="GetAsync"/> reads the source again (after a 401: the key may have been rotated).</summary>
    void Invalidate();
}
