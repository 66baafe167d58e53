using System.Text.Json.Serialization;

namespace RunwayRelay.Storage;

/// <summary>
/// Where a generation's submission to Runway stands (<see cref="SubmissionRecord.State"/>). The JSON values are those
/// the records have always carried, so records written before this type existed still read.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubmissionState>))]
public enum SubmissionState
{
    /// <summary>The POST may be on its way: a re-execution must not post again.</summary>
    [JsonStringEnumMemberName("submitting")]
    Submitting,

    /// <summary>Runway created the task (<see cref="SubmissionRecord.RunwayTaskId"/>).</summary>
    [JsonStringEnumMemberName("submitted")]
    Submitted,

    /// <summary>Runway definitely did not create a task (validation, 401, credits, quota).</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,
}
