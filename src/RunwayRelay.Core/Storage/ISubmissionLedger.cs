namespace RunwayRelay.Storage;

/// <summary>The at-most-once record of each generation's submission to Runway (<see cref="SubmissionLedger"/>).</summary>
public interface ISubmissionLedger
{
    /// <summary>Records "submitting" if nothing is recorded yet; returns null when the caller may POST, else what was already recorded.</summary>
    Task<SubmissionRecord?> TryClaimAsync(string generationId, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task RecordAsync(SubmissionRecord record, CancellationToken cancellationToken = default);

    Task<SubmissionRecord?> GetAsync(string generationId, CancellationToken cancellationToken = default);
}
