using System.Text.Json;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Reads the three cases, and the record of nullable fields (<c>TransientError</c>, <c>FatalErrorCode</c>, ...) that
/// earlier versions wrote.
/// </summary>
public sealed class RunwayTaskSnapshotJsonConverter : ClosedResultJsonConverter<RunwayTaskSnapshot>
{
    protected override RunwayTaskSnapshot Read(JsonElement result) => Case(result) with { ReadAt = Time(result, nameof(RunwayTaskSnapshot.ReadAt)) };

    private static RunwayTaskSnapshot Case(JsonElement result)
    {
        if ((String(result, "FatalErrorCode") ?? String(result, nameof(TaskLost.ErrorCode))) is { } code)
        {
            return new TaskLost(code, String(result, "FatalErrorMessage") ?? String(result, nameof(TaskLost.ErrorMessage)) ?? "Reading the Runway task failed.");
        }
        if ((String(result, "TransientError") ?? String(result, nameof(TaskUnreadable.Error))) is { } error)
        {
            return new TaskUnreadable(error);
        }
        return String(result, nameof(TaskObserved.Status)) is { } status
            ? new TaskObserved(status, Number(result, nameof(TaskObserved.Progress)), String(result, nameof(TaskObserved.Failure)),
                String(result, nameof(TaskObserved.FailureCode))) { CreatedAt = Time(result, nameof(TaskObserved.CreatedAt)), CostCredits = Number(result, nameof(TaskObserved.CostCredits)) }
            : new TaskUnreadable("Runway reported no status.");
    }
}
