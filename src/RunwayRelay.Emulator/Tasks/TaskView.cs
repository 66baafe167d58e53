namespace RunwayRelay.Emulator.Tasks;

/// <summary>What a GET returns: a copy taken under the store's lock.</summary>
internal sealed record TaskView(
    string Id,
    string Model,
    TaskPhase Phase,
    DateTimeOffset CreatedAt,
    double? Progress,
    long Credits,
    bool Refunded,
    bool ProducesImage,
    long OutputSize,
    string? FailureCode,
    string? Failure);
