using RunwayRelay.Runway;

namespace RunwayRelay.Http;

/// <summary>A request that passed every check: what the orchestration gets.</summary>
public sealed record AcceptedGenerationRequest(RunwayGenerationRequest Request, string? OutputBlobName, Uri? CallbackUrl,
    IReadOnlySet<string>? CallbackEvents = null);
