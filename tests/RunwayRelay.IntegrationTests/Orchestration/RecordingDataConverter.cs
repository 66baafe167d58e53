using System.Collections.Concurrent;
using Microsoft.DurableTask.Converters;

namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>
/// The default JSON converter, keeping a copy of every payload it writes: orchestration and activity inputs and outputs,
/// ContinueAsNew inputs, custom status and event data — everything that enters the orchestration history.
/// The worker and client take it from DI because none is set explicitly.
/// </summary>
internal sealed class RecordingDataConverter : DataConverter
{
    private readonly ConcurrentQueue<string> _payloads = new();

    public IReadOnlyCollection<string> Payloads => _payloads;

    public override string? Serialize(object? value)
    {
        string? data = JsonDataConverter.Default.Serialize(value);
        if (data is not null)
        {
            _payloads.Enqueue(data);
        }
        return data;
    }

    public override object? Deserialize(string? data, Type targetType) => JsonDataConverter.Default.Deserialize(data, targetType);
}
