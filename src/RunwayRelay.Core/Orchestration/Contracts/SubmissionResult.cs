using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>Result of <see cref="SubmitGenerationActivity"/>.</summary>
[JsonConverter(typeof(SubmissionResultJsonConverter))]
public abstract record SubmissionResult;
