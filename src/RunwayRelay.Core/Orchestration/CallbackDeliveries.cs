namespace RunwayRelay.Orchestration;

/// <summary>Instance ids of the delivery orchestrations.</summary>
public static class CallbackDeliveries
{
    /// <summary>
    /// One delivery instance per generation, found from the generation id alone. The ':' keeps it apart from every
    /// generation id (they hold only letters, digits, '-' and '_'), so a GET of it is a 404.
    /// </summary>
    public static string InstanceIdFor(string generationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(generationId);
        return generationId + ":callback";
    }
}
