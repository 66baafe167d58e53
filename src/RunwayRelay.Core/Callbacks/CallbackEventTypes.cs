namespace RunwayRelay.Callbacks;

/// <summary>The <c>type</c> of each callback event, and the values <c>callbackEvents</c> in a request may ask for.</summary>
public static class CallbackEventTypes
{
    /// <summary>The generation ended (succeeded, failed, cancelled or timed out): always sent, retried until delivered.</summary>
    public const string Completed = "generation.completed";

    /// <summary>Runway started working on the task: sent once, best effort, when asked for.</summary>
    public const string Running = "generation.running";

    /// <summary>Runway's progress while it works: at most every <c>Callbacks__ProgressInterval</c>, best effort, when asked for.</summary>
    public const string Progress = "generation.progress";

    /// <summary>What <c>callbackEvents</c> may name (the completed event is always sent and need not be named).</summary>
    public static readonly IReadOnlyList<string> Optional = [Running, Progress];
}
