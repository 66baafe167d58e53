using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using RunwayRelay.Callbacks;

namespace RunwayRelay.Orchestration;

/// <summary>The delivery orchestrations: their instance ids, and how one is started.</summary>
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

    /// <summary>
    /// Starts the delivery of <paramref name="notice"/> on the schedule the settings give now (the first delivery, or
    /// redelivery number <paramref name="redelivery"/>); the caller has made sure no delivery instance exists.
    /// </summary>
    public static Task StartAsync(DurableTaskClient client, string generationId, CompletionNotice notice, CallbackOptions options,
        int redelivery = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        return client.ScheduleNewOrchestrationInstanceAsync(GenerationTasks.CallbackDelivery,
            new CallbackDeliveryInput(generationId, notice, CallbackSchedule.From(options), redelivery),
            new StartOrchestrationOptions(InstanceIdFor(generationId)), cancellationToken);
    }
}
