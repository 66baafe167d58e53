namespace RunwayRelay.Storage;

/// <summary>What <see cref="DailySpendStore.TryReserveAsync"/> did.</summary>
public enum SpendReservation
{
    /// <summary>The entry was added: the day's total with it stays within the limit.</summary>
    Reserved,

    /// <summary>The day already holds an entry for this generation (an activity run again): nothing was added.</summary>
    AlreadyReserved,

    /// <summary>Adding the entry would pass the limit: nothing was added.</summary>
    OverLimit,
}
