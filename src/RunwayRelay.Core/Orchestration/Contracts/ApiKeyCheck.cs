using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>Result of <see cref="EnsureApiKeyActivity"/>: non-secret facts about the key, never the key itself.</summary>
[JsonConverter(typeof(ApiKeyCheckJsonConverter))]
public abstract record ApiKeyCheck;
