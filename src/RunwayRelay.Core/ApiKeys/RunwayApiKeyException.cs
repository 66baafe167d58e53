namespace RunwayRelay.ApiKeys;

/// <summary>The key is missing, unreadable or malformed. The message is one actionable line and never contains the key.</summary>
public sealed class RunwayApiKeyException(string message, Exception? innerException = null) : Exception(message, innerException);
