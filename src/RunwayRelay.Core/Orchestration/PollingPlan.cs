using RunwayRelay.Generations;
using RunwayRelay.Runway;

namespace RunwayRelay.Orchestration;

/// <summary>
/// The poll schedule: a pure function of the checkpoint and the settings snapshot, so a replay computes the same
/// timer. While a task is RUNNING and its progress moves, it predicts when the task ends from the progress rate and
/// polls just after that moment (first part of the way there, when that moment is still far); no poll comes before
/// the shortest time earlier generations of the same kind took (<see cref="RunTimePrior"/>); while nothing can be predicted (queued, throttled, progress not moving, unreadable)
/// it backs off from <see cref="PollingSchedule.Interval"/> ×1.5 per uninformative poll. Whatever it predicts, a poll
/// is never sooner than <see cref="PollingSchedule.Interval"/> (the floor) after the previous one's answer, nor later
/// than <see cref="PollingSchedule.MaxInterval"/> (the ceiling).
/// </summary>
public static class PollingPlan
{
    private const double Growth = 1.5;

    /// <summary>
    /// Runway changes a task's progress about every 5 s, which the floor stands for: a value was set on average half a
    /// floor before it was seen, so the predicted end moves that much earlier.
    /// </summary>
    private const double ReportLagInFloors = 0.5;

    /// <summary>How long after the predicted end to poll, in floors: late enough that a slightly early prediction still finds the task done.</summary>
    private const double MarginInFloors = 0.3;

    /// <summary>
    /// A predicted end more than this many floors away is approached rather than aimed at: progress strays from a
    /// straight line (most half-way), so the error of a prediction grows with the time it spans, and the poll that comes
    /// too early costs a whole floor of delay.
    /// </summary>
    private const double ApproachBeyondFloors = 2;

    /// <summary>How far towards a distant predicted end the approaching poll goes.</summary>
    private const double ApproachFraction = 0.6;

    /// <summary>A RUNNING task's progress that has not changed for this many floors counts as stalled.</summary>
    private const double StallInFloors = 2.5;

    /// <summary>The backoff's wait before poll number <paramref name="pollCount"/> (0-based) when nothing is predicted: Interval ×1.5ⁿ up to MaxInterval.</summary>
    public static TimeSpan DelayBefore(PollingSchedule schedule, int pollCount)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfNegative(pollCount);
        double ticks = schedule.Interval.Ticks * Math.Pow(Growth, Math.Min(pollCount, 64));
        return ticks >= schedule.MaxInterval.Ticks ? schedule.MaxInterval : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// When to poll next, given the checkpoint after the last poll and the orchestration's current time
    /// (<paramref name="now"/>, used only when the checkpoint does not say when the last answer came).
    /// </summary>
    public static DateTimeOffset NextPollAt(PollingSchedule schedule, GenerationCheckpoint checkpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var last = checkpoint.LastPolledAt ?? now;
        var earliest = last + schedule.Interval;
        var latest = last + schedule.MaxInterval;
        var target = PredictEnd(schedule, checkpoint) is not { } end ? last + DelayBefore(schedule, checkpoint.UninformativePolls)
            // Far from the end, the prediction is off by more than a floor: a sample on the way makes the last poll land close.
            : end - last > schedule.Interval * ApproachBeyondFloors && end - last < schedule.MaxInterval ? last + (end - last) * ApproachFraction
            : end + schedule.Interval * MarginInFloors;
        if (EarliestEnd(checkpoint, last) is { } soonest && target < soonest)
        {
            target = soonest;
        }
        return target < earliest ? earliest : target > latest ? latest : target;
    }

    /// <summary>
    /// No earlier generation like this one ended sooner than <see cref="RunTimePrior.Shortest"/> after its creation, so
    /// polling before then is wasted. Before the first answer, <paramref name="submittedAt"/> stands in for <c>createdAt</c>.
    /// </summary>
    private static DateTimeOffset? EarliestEnd(GenerationCheckpoint checkpoint, DateTimeOffset submittedAt) =>
        checkpoint.Prior?.Shortest is not { } shortest ? null
            : checkpoint.CreatedAt is { } created ? created + shortest
            : checkpoint.PollCount == 0 ? submittedAt + shortest
            : null;

    /// <summary>
    /// How long the task that <paramref name="readAt"/> saw SUCCEEDED took from its creation: half-way between the last
    /// answer that saw it going and this one. When the first answer already saw it done, one floor before that answer
    /// counts as the last one, so a prior that was too long shrinks with every generation that proves it.
    /// </summary>
    public static RunTimeSample? RunTimeOf(PollingSchedule schedule, GenerationCheckpoint checkpoint, TaskObserved succeeded, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(succeeded);
        if (checkpoint.Prior is not { } prior || (succeeded.CreatedAt ?? checkpoint.CreatedAt) is not { } created)
        {
            return null;
        }
        var going = checkpoint.LastPolledAt is { } polled && polled > created ? polled : readAt - schedule.Interval;
        var took = going + (readAt - going) / 2 - created;
        return took > TimeSpan.Zero ? new RunTimeSample(prior.Key, took) : null;
    }

    /// <summary>When the task should end, from how fast its progress moves; null when that cannot be told.</summary>
    public static DateTimeOffset? PredictEnd(PollingSchedule schedule, GenerationCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.LastRunwayStatus != RunwayTaskStatus.Running || checkpoint is not { LastProgress: > 0 and < 1 and var progress, ProgressAt: { } seenAt })
        {
            return null;
        }
        if (checkpoint.LastPolledAt is { } polled && polled - seenAt > schedule.Interval * StallInFloors)
        {
            return null; // stalled: the rate below no longer describes the task
        }

        var lag = schedule.Interval * ReportLagInFloors;
        double rate; // progress per second
        if (checkpoint is { FirstProgress: { } first, FirstProgressAt: { } firstAt } && progress > first && seenAt > firstAt)
        {
            rate = (progress - first) / (seenAt - firstAt).TotalSeconds;
        }
        else if (checkpoint.CreatedAt is { } created && seenAt - lag > created)
        {
            // One sample only: counting from creation includes the queue, so the rate is low and the prediction late, never early.
            rate = progress / (seenAt - lag - created).TotalSeconds;
        }
        else
        {
            return null;
        }
        if (!(rate > 0) || double.IsInfinity(rate))
        {
            return null;
        }
        double remaining = Math.Min((1 - progress) / rate, TimeSpan.FromDays(1).TotalSeconds);
        return seenAt - lag + TimeSpan.FromSeconds(remaining);
    }

    /// <summary>
    /// The time since the previous answer (or, at the first, since Runway created the task) counted to the status
    /// seen then: not seen yet and PENDING are queued.
    /// </summary>
    public static GenerationCheckpoint Timed(GenerationCheckpoint checkpoint, RunwayTaskSnapshot snapshot, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(snapshot);
        var since = checkpoint.LastPolledAt ?? (snapshot as TaskObserved)?.CreatedAt ?? checkpoint.CreatedAt;
        double seconds = since is { } from && readAt > from ? (readAt - from).TotalSeconds : 0;
        var last = checkpoint.LastRunwayStatus;
        return last == RunwayTaskStatus.Running ? checkpoint with { RunningSeconds = checkpoint.RunningSeconds + seconds }
            : last == RunwayTaskStatus.Throttled ? checkpoint with { ThrottledSeconds = checkpoint.ThrottledSeconds + seconds }
            : last is null || last == RunwayTaskStatus.Pending ? checkpoint with { QueuedSeconds = checkpoint.QueuedSeconds + seconds }
            : checkpoint;
    }

    /// <summary>
    /// THROTTLED time between the previous answer and this one: all of it when both were THROTTLED, half when one was
    /// (the change happened somewhere in between), none otherwise. The first poll counts from the task's creation.
    /// </summary>
    private static TimeSpan ThrottledBetween(GenerationCheckpoint checkpoint, RunwayTaskStatus status, DateTimeOffset? createdAt, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if ((checkpoint.LastPolledAt ?? createdAt) is not { } previous || readAt <= previous)
        {
            return TimeSpan.Zero;
        }
        int ends = (checkpoint.LastRunwayStatus == RunwayTaskStatus.Throttled ? 1 : 0) + (status == RunwayTaskStatus.Throttled ? 1 : 0);
        return (readAt - previous) * ends / 2;
    }

    /// <summary>The checkpoint after one more poll that did not end the generation; <paramref name="now"/> stands in for a missing read time.</summary>
    public static GenerationCheckpoint Advance(GenerationCheckpoint checkpoint, RunwayTaskSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(snapshot);
        var readAt = snapshot.ReadAt ?? now;
        var next = Timed(checkpoint, snapshot, readAt) with
        {
            PollCount = checkpoint.PollCount + 1,
            LastPolledAt = readAt,
            UninformativePolls = checkpoint.UninformativePolls + 1,
        };
        if (snapshot is not TaskObserved observed)
        {
            return next;
        }

        next = next with
        {
            LastRunwayStatus = observed.Status,
            CreatedAt = observed.CreatedAt ?? checkpoint.CreatedAt,
            ThrottledFor = checkpoint.ThrottledFor + ThrottledBetween(checkpoint, observed.Status, observed.CreatedAt, readAt),
        };
        bool wasRunning = checkpoint.LastRunwayStatus == RunwayTaskStatus.Running;
        if (observed.Status != RunwayTaskStatus.Running)
        {
            return next with
            {
                LastProgress = observed.Progress ?? checkpoint.LastProgress,
                UninformativePolls = observed.Status == checkpoint.LastRunwayStatus ? next.UninformativePolls : 0,
            };
        }

        double progress = observed.Progress ?? 0;
        if (progress <= 0)
        {
            // Started at some unknown moment before: a 0 anchors no rate.
            return next with { LastProgress = progress, UninformativePolls = wasRunning ? next.UninformativePolls : 0 };
        }
        if (!wasRunning || checkpoint.FirstProgressAt is null)
        {
            return next with { LastProgress = progress, FirstProgress = progress, FirstProgressAt = readAt, ProgressAt = readAt, UninformativePolls = 0 };
        }
        // Progress is not meant to go down; a lower value is treated as no news rather than restarting the estimate.
        return progress > (checkpoint.LastProgress ?? 0)
            ? next with { LastProgress = progress, ProgressAt = readAt, UninformativePolls = 0 }
            : next;
    }
}
