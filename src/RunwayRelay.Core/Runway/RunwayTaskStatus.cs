using System.ComponentModel;
using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>
/// A Runway task status. An open set: Runway may add statuses, and an unknown one is kept as sent and treated as "not
/// ended yet" rather than failing the read. Compared ordinally (case-sensitive), as the string statuses were: Runway
/// sends them upper-case, and a status in another case is not one RunwayRelay knows.
/// </summary>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<RunwayTaskStatus>))]
public readonly struct RunwayTaskStatus : IExtensibleEnum<RunwayTaskStatus>
{
    private const string PendingValue = "PENDING";
    private const string ThrottledValue = "THROTTLED";
    private const string RunningValue = "RUNNING";
    private const string SucceededValue = "SUCCEEDED";
    private const string FailedValue = "FAILED";
    private const string CancelledValue = "CANCELLED";

    private readonly string? _value;

    public RunwayTaskStatus(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    public static RunwayTaskStatus Pending { get; } = new(PendingValue);

    /// <summary>Queued behind the organization's concurrency limit.</summary>
    public static RunwayTaskStatus Throttled { get; } = new(ThrottledValue);

    public static RunwayTaskStatus Running { get; } = new(RunningValue);

    public static RunwayTaskStatus Succeeded { get; } = new(SucceededValue);

    public static RunwayTaskStatus Failed { get; } = new(FailedValue);

    public static RunwayTaskStatus Cancelled { get; } = new(CancelledValue);

    /// <summary>Whether Runway is done with the task: polling it again cannot change the outcome.</summary>
    public static bool IsTerminal(RunwayTaskStatus status) => status == Succeeded || status == Failed || status == Cancelled;

    public static bool operator ==(RunwayTaskStatus left, RunwayTaskStatus right) => left.Equals(right);

    public static bool operator !=(RunwayTaskStatus left, RunwayTaskStatus right) => !left.Equals(right);

    public static implicit operator RunwayTaskStatus(string value) => new(value);

    static RunwayTaskStatus IExtensibleEnum<RunwayTaskStatus>.FromString(string value) => new(value);

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is RunwayTaskStatus other && Equals(other);

    public bool Equals(RunwayTaskStatus other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public override string ToString() => _value ?? "";
}
