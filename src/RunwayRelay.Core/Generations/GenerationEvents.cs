namespace RunwayRelay.Generations;

/// <summary>External events the orchestration listens for.</summary>
public static class GenerationEvents
{
    /// <summary>Raised by <c>DELETE /api/generations/{id}</c>: the orchestration cancels the Runway task and ends Cancelled.</summary>
    public const string Cancel = "cancel";
}
