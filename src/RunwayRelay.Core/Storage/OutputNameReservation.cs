namespace RunwayRelay.Storage;

/// <summary>Which generation an output blob name is reserved for, since when.</summary>
public sealed record OutputNameReservation(string OutputBlobName, string GenerationId, DateTimeOffset ReservedAt);
