namespace RunwayRelay.Health;

/// <summary>
/// Names of the parts <c>GET /api/health</c> reports, and the tag that puts a health check into that report. A host's
/// own check registered with <see cref="HealthServiceCollectionExtensions.AddRunwayRelayHealthPart{T}"/> is reported,
/// cached and named in a 503 like the built-in parts.
/// </summary>
public static class HealthParts
{
    /// <summary>The tag of the checks in the report; the DevHost's <c>/healthz</c> leaves them out (it must stay cheap and local).</summary>
    public const string Tag = "runwayrelay";

    public const string ApiKey = "apiKey";
    public const string KeyVault = "keyVault";
    public const string Runway = "runway";

    /// <summary>The UTC day's credits submitted by this service against <c>Budget__MaxCreditsPerDay</c>.</summary>
    public const string Budget = "budget";

    /// <summary><c>storage:output</c>, <c>storage:inbox</c>, <c>storage:submissions</c>, <c>storage:payloads</c>.</summary>
    public const string StoragePrefix = "storage:";
    public const string OutputStorage = StoragePrefix + "output";
    public const string InputStorage = StoragePrefix + "inbox";
    public const string SubmissionsStorage = StoragePrefix + "submissions";
    public const string PayloadsStorage = StoragePrefix + "payloads";
}
