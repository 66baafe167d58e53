namespace RunwayRelay.Runway;

/// <summary>
/// How a model takes <c>promptImage</c>: how many entries, whether <c>last</c> is allowed, whether entries without a
/// position (reference images) are allowed, and whether a last frame needs a first frame.
/// </summary>
internal sealed record PromptImageRule(int MaxCount, bool AllowLast, bool AllowReferences, bool LastNeedsFirst);
