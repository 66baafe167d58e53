namespace RunwayRelay.DevHost;

/// <summary>A setting makes the DevHost unusable; the message is the one line to print.</summary>
public sealed class DevHostConfigurationException(string message, Exception? innerException = null) : Exception(message, innerException);
