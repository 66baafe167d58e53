namespace RunwayRelay.Storage;

/// <summary>The submissions this service counted per UTC day (<see cref="DailySpendStore"/>), which the budget guards and usage read.</summary>
public interface IDailySpendStore
{
    Task<DailySpend> GetAsync(DateOnly date, CancellationToken cancellationToken = default);

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/> (inclusive) that hold any entry, in date order.</summary>
    Task<IReadOnlyList<DailySpend>> GetRangeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts <paramref name="entry"/> on its day unless the day already holds it, or the total would pass <paramref name="limit"/>.
    /// DayTotal is the day's total as the day limit counts it; without a day limit the day is not summed and it is 0.
    /// </summary>
    Task<(SpendReservation Result, long DayTotal)> TryReserveAsync(SpendEntry entry, long? limit, CancellationToken cancellationToken = default);

    /// <summary>Takes a generation's entry off its day (Runway definitely created nothing).</summary>
    Task ReleaseAsync(DateOnly date, string generationId, CancellationToken cancellationToken = default);

    /// <summary>Records Runway's <c>estimatedCost</c> on a generation's entry.</summary>
    Task RecordRunwayEstimateAsync(DateOnly date, string generationId, long credits, CancellationToken cancellationToken = default);
}
