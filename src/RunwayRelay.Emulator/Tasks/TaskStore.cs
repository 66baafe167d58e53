using System.Text.Json;
using RunwayRelay.Emulator.Admin;
using RunwayRelay.Emulator.Billing;
using RunwayRelay.Emulator.Validation;

namespace RunwayRelay.Emulator.Tasks;

/// <summary>
/// Owns tasks and credits. Time does not tick in the background: every read first replays, in time order, the
/// starts and ends that became due, so THROTTLED tasks start exactly when a running one of their model ends.
/// </summary>
internal sealed class TaskStore(EmulatorOptions options, TimeProvider time, RequestJournal journal, EmulatorRandom random)
{
    private readonly Lock _gate = new();
    private readonly List<EmulatedTask> _tasks = [];
    private readonly Dictionary<string, EmulatedTask> _byId = new(StringComparer.Ordinal);
    private readonly CreditLedger _ledger = new(options);

    // Apart from the fault/failure source, so modelling progress does not shift the sequences tests rely on.
    private Random _progress = new(options.RandomSeed);

    public CreateOutcome Create(ModelSpec spec, JsonElement body, string keyFingerprint)
    {
        var now = time.GetUtcNow();
        EmulatedTask task;
        lock (_gate)
        {
            Advance(now);
            var limits = options.LimitsFor(spec.Model);
            if (_ledger.DailyGenerations(spec.Model, now) >= limits.MaxDailyGenerations)
            {
                return new CreateOutcome(CreateStatus.DailyLimitReached, null, 0);
            }
            var credits = spec.Cost(body);
            if (_ledger.Balance < credits)
            {
                return new CreateOutcome(CreateStatus.InsufficientCredits, null, credits);
            }

            var (failureCode, failure) = OutcomePlanner.Plan(body, options, random);
            var spread = options.GenerationTimeSpread.Ticks * (2 * _progress.NextDouble() - 1);
            var generation = TimeSpan.FromTicks((long)((options.GenerationTime.Ticks + spread) / limits.Speed));
            var curve = Math.Exp(options.ProgressNoise * (2 * _progress.NextDouble() - 1));
            task = new EmulatedTask
            {
                Id = Guid.NewGuid().ToString(),
                Endpoint = spec.Endpoint,
                Model = spec.Model,
                KeyFingerprint = keyFingerprint,
                CreatedAt = now,
                QueueTime = options.Scaled(options.QueueTime),
                GenerationTime = options.Scaled(generation),
                ProgressSeed = _progress.Next(),
                ProgressCurve = curve,
                Credits = credits,
                ProducesImage = spec.Output == OutputKind.Image,
                OutputSize = options.OutputSizeBytes,
                PlannedFailureCode = failureCode,
                PlannedFailureMessage = failure,
            };
            _ledger.Charge(spec.Model, credits, now);
            _tasks.Add(task);
            _byId.Add(task.Id, task);
            Advance(now);
        }
        journal.RecordCreate(new EmulatorCreateRecord(task.Id, spec.Endpoint, spec.Model, keyFingerprint, task.Credits, now));
        return new CreateOutcome(CreateStatus.Created, task.Id, task.Credits);
    }

    /// <summary>The task as a GET sees it, or null when unknown, cancelled or deleted.</summary>
    public TaskView? Get(string id)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Advance(now);
            return _byId.TryGetValue(id, out var task) && !task.IsGone ? View(task, now) : null;
        }
    }

    /// <summary>Cancels an active task or deletes a finished one; false when it is unknown or already gone.</summary>
    public bool Delete(string id)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Advance(now);
            if (!_byId.TryGetValue(id, out var task) || task.IsGone)
            {
                return false;
            }
            if (task.IsActive)
            {
                task.Phase = TaskPhase.Cancelled;
                task.EndedAt = now;
                Refund(task, now);
                StartThrottled(task.Model, now);
            }
            else
            {
                task.Phase = TaskPhase.Deleted;
            }
            return true;
        }
    }

    /// <summary>When each task was created, started and ended, for measuring how late a client noticed the end.</summary>
    public IReadOnlyList<TaskTimeline> Timelines()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Advance(now);
            return [.. _tasks.Select(t => new TaskTimeline(t.Id, t.Model, t.Phase.ToString().ToUpperInvariant(), t.CreatedAt, t.StartedAt, t.EndedAt))];
        }
    }

    public long CreditBalance
    {
        get
        {
            lock (_gate)
            {
                return _ledger.Balance;
            }
        }
    }

    public void SetCreditBalance(long balance)
    {
        lock (_gate)
        {
            _ledger.SetBalance(balance);
        }
    }

    public IReadOnlyDictionary<string, int> DailyGenerations()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _tasks.Select(t => t.Model).Distinct(StringComparer.Ordinal)
                .ToDictionary(m => m, m => _ledger.DailyGenerations(m, now), StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<LedgerEntry> LedgerEntries()
    {
        lock (_gate)
        {
            return [.. _ledger.Entries];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _tasks.Clear();
            _byId.Clear();
            _ledger.Reset();
            _progress = new Random(options.RandomSeed);
        }
    }

    private void Advance(DateTimeOffset now)
    {
        foreach (var model in _tasks.Where(t => t.Phase == TaskPhase.Throttled).Select(t => t.Model).Distinct().ToList())
        {
            // A limit raised at run time lets waiting tasks start now.
            StartThrottled(model, now);
        }

        while (true)
        {
            EmulatedTask? next = null;
            var at = DateTimeOffset.MaxValue;
            foreach (var task in _tasks)
            {
                var due = task.Phase switch
                {
                    TaskPhase.Running => task.StartedAt!.Value + task.GenerationTime,
                    TaskPhase.Pending => task.ReadyAt,
                    _ => DateTimeOffset.MaxValue,
                };
                if (due <= now && due < at)
                {
                    next = task;
                    at = due;
                }
            }
            if (next is null)
            {
                return;
            }

            if (next.Phase == TaskPhase.Running)
            {
                Finish(next, at);
                StartThrottled(next.Model, at);
            }
            else if (RunningCount(next.Model) < options.LimitsFor(next.Model).MaxConcurrentGenerations)
            {
                Start(next, at);
            }
            else
            {
                next.Phase = TaskPhase.Throttled;
            }
        }
    }

    private void StartThrottled(string model, DateTimeOffset at)
    {
        var limit = options.LimitsFor(model).MaxConcurrentGenerations;
        foreach (var waiting in _tasks.Where(t => t.Model == model && t.Phase == TaskPhase.Throttled).ToList())
        {
            if (RunningCount(model) >= limit)
            {
                return;
            }
            Start(waiting, at);
        }
    }

    private int RunningCount(string model) => _tasks.Count(t => t.Model == model && t.Phase == TaskPhase.Running);

    private static void Start(EmulatedTask task, DateTimeOffset at)
    {
        task.Phase = TaskPhase.Running;
        task.StartedAt = at;
    }

    private void Finish(EmulatedTask task, DateTimeOffset at)
    {
        task.EndedAt = at;
        if (task.PlannedFailureCode is null)
        {
            task.Phase = TaskPhase.Succeeded;
            return;
        }
        task.Phase = TaskPhase.Failed;
        if (OutcomePlanner.IsRefunded(task.PlannedFailureCode))
        {
            Refund(task, at);
        }
    }

    private void Refund(EmulatedTask task, DateTimeOffset at)
    {
        if (!task.Refunded)
        {
            task.Refunded = true;
            _ledger.Refund(task.Model, task.Credits, at);
        }
    }

    /// <summary>
    /// Progress as Runway reports it: it changes only every <see cref="EmulatorOptions.ProgressUpdateInterval"/>, follows
    /// a per-task curve rather than a straight line, carries a per-update error, and never goes down.
    /// </summary>
    private double Progress(EmulatedTask task, DateTimeOffset now)
    {
        var total = task.GenerationTime.Ticks;
        if (total <= 0)
        {
            return 1;
        }
        var elapsed = (now - task.StartedAt!.Value).Ticks;
        var step = options.Scaled(options.ProgressUpdateInterval).Ticks;
        if (step <= 0)
        {
            return Math.Round(Math.Clamp(Math.Pow(Math.Clamp((double)elapsed / total, 0, 1), task.ProgressCurve), 0, 1), 3);
        }
        long updates = Math.Max(0, elapsed / step);
        double reported = 0;
        for (long k = 1; k <= updates; k++)
        {
            var x = Math.Clamp((double)(k * step) / total, 0, 1);
            // The error is largest half-way and vanishes at both ends, where a progress bar is sure of itself.
            var error = options.ProgressNoise * 4 * x * (1 - x) * (2 * new Random(unchecked(task.ProgressSeed * 31 + (int)k * 1_000_003)).NextDouble() - 1);
            reported = Math.Max(reported, Math.Clamp(Math.Pow(x, task.ProgressCurve) + error, 0, 0.999));
        }
        return Math.Round(reported, 3);
    }

    private TaskView View(EmulatedTask task, DateTimeOffset now)
    {
        double? progress = task.Phase == TaskPhase.Running ? Progress(task, now) : null;
        return new TaskView(task.Id, task.Model, task.Phase, task.CreatedAt, progress, task.Credits, task.Refunded,
            task.ProducesImage, task.OutputSize,
            task.Phase == TaskPhase.Failed ? task.PlannedFailureCode : null,
            task.Phase == TaskPhase.Failed ? task.PlannedFailureMessage : null);
    }
}
