using System.Text.Json;

namespace RunwayRelay.Orchestration;

/// <summary>Reads both cases, and the record of nullable fields (a null task id meaning failure) that earlier versions wrote.</summary>
public sealed class SubmissionResultJsonConverter : ClosedResultJsonConverter<SubmissionResult>
{
    protected override SubmissionResult Read(JsonElement result) =>
        String(result, nameof(Submitted.RunwayTaskId)) is { } taskId
            ? new Submitted(taskId) { RunwayEstimatedCredits = Number(result, nameof(Submitted.RunwayEstimatedCredits)) is { } credits ? (long)credits : null }
            : new NotSubmitted(String(result, nameof(NotSubmitted.ErrorCode)) ?? GenerationErrorCodes.RunwayError,
                String(result, nameof(NotSubmitted.ErrorMessage)) ?? "Runway did not accept the generation.")
            {
                ResetsAt = Time(result, nameof(NotSubmitted.ResetsAt)),
            };
}
