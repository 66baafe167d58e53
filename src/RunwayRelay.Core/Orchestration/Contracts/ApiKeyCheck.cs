using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>Result of <see cref="EnsureApiKeyActivity"/>: non-secret facts about the key, never the key itself.</summary>
[JsonConverter(typeof(ApiKeyCheckJsonConverter))]
public abstract record ApiKeyCheck;

/// <summary>The key can be read and is well formed: its SHA-256 fingerprint and where it came from.</summary>
public sealed record ApiKeyAvailable(string Fingerprint, string Source) : ApiKeyCheck;

/// <summary>The key cannot be used; <see cref="Error"/> says why and what to do, without the key.</summary>
public sealed record ApiKeyUnavailable(string Error) : ApiKeyCheck;
