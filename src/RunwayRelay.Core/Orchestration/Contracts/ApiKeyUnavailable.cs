namespace RunwayRelay.Orchestration;

/// <summary>The key cannot be used; <see cref="Error"/> says why and what to do, without the key.</summary>
public sealed record ApiKeyUnavailable(string Error) : ApiKeyCheck;
