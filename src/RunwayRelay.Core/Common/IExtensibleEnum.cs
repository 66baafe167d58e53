namespace RunwayRelay.Common;

/// <summary>
/// An open set of string values as a struct (the Azure SDK's AccessTier shape): any string converts, so values a later
/// version adds pass through. <see cref="ExtensibleEnumJsonConverter{T}"/> reads and writes it as the plain string.
/// </summary>
public interface IExtensibleEnum<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IExtensibleEnum<TSelf>
{
    /// <summary>The value for <paramref name="value"/>, known or not.</summary>
    static abstract TSelf FromString(string value);
}
