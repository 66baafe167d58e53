namespace RunwayRelay.DevHost.Durable;

/// <summary>The durable store could not be reached or created; the message says what to do.</summary>
public sealed class DevHostStorageException(string message, Exception innerException) : Exception(message, innerException);
