namespace RunwayRelay.Storage;

/// <summary>What became of a request to reserve an output name.</summary>
public enum NameReservation
{
    /// <summary>Reserved by this call (it may have to release it if the generation is not started after all).</summary>
    Reserved,

    /// <summary>Already reserved for the same generation (a repeat).</summary>
    AlreadyOurs,

    /// <summary>Another generation or an existing blob holds the name.</summary>
    Taken,
}
