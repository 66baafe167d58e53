using System.Globalization;
using System.Text.Json;
using RunwayRelay.Generations;

namespace RunwayRelay.Orchestration;

/// <summary>Reads both cases, and the record of nullable fields (a null task id meaning failure) that earlier versions wrote.</summary>
public sealed class SubmissionResultJsonConverter : ClosedResultJsonConverter<SubmissionResult>
{
    protected override SubmissionResult Read(JsonElement result) =>
        String(result, nameof(Submitted.RunwayTaskId)) is { } taskId
            ? new Submitted(taskId)
            {
                RunwayEstimatedCredits = Number(result, nameof(Submitted.RunwayEstimatedCredits)) is { } credits ? (long)credits : null,
                Prior = PriorOf(result),
            }
            : new NotSubmitted(String(result, nameof(NotSubmitted.ErrorCode)) ?? GenerationErrorCodes.RunwayError,
                String(result, nameof(NotSubmitted.ErrorMessage)) ?? "Runway did not accept the generation.")
            {
                ResetsAt = Time(result, nameof(NotSubmitted.ResetsAt)),
            };

    private static RunTimePrior? PriorOf(JsonElement result)
    {
        if (JsonObjectProperties.Find(result, nameof(Submitted.Prior)) is not { ValueKind: JsonValueKind.Object } prior || String(prior, nameof(RunTimePrior.Key)) is not { } key)
        {
            return null;
        }
        return new RunTimePrior(key, String(prior, nameof(RunTimePrior.Shortest)) is { } text && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var shortest) ? shortest : null);
    }
}
