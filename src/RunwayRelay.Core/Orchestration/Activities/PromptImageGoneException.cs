namespace RunwayRelay.Orchestration;

/// <summary>The uploaded image's blob version cannot be read (changed, deleted, archived) so it cannot be sent to Runway.</summary>
public sealed class PromptImageGoneException(string message) : Exception(message);
