using System.Text.Json;

namespace RunwayRelay.Emulator.Validation;

/// <summary>One model on one endpoint: its body fields, what it outputs, and what it costs.</summary>
internal sealed record ModelSpec(
    string Endpoint,
    string Model,
    IReadOnlyList<FieldSpec> Fields,
    OutputKind Output,
    Func<JsonElement, long> Cost,
    Action<JsonElement, IssueList>? CrossCheck = null);
