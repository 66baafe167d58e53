using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.Common;
using RunwayRelay.Orchestration;
using RunwayRelay.Runway;
using RunwayRelay.Runway.Pricing;
using RunwayRelay.Storage;

namespace RunwayRelay.Budget;

/// <summary>
/// The spending guards. <see cref="CheckAsync"/> is the door's look (nothing written, the balance cached briefly);
/// <see cref="ReserveAsync"/> is the submit activity's, just before the one POST: a fresh balance, and the day's count
/// taken with a conditional write, so that what the day allows is decided once, in storage, whatever the door saw.
/// </summary>
public sealed class BudgetGuard(
    IRunwayClient runway,
    IDailySpendStore spend,
    IOptionsMonitor<BudgetOptions> options,
    TimeProvider time,
    ILogger<BudgetGuard> logger)
{
    private readonly Lock _gate = new();
    private (long Balance, DateTimeOffset ReadAt)? _balance;

    /// <summary>The estimate, and whether the limits would refuse it now. Writes nothing.</summary>
    public async Task<BudgetVerdict> CheckAsync(RunwayGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.CurrentValue;
        long? estimate = ModelCreditRates.Estimate(request);
        if (PerGeneration(settings, estimate) is { } refused)
        {
            return refused;
        }
        if (estimate is { } credits && settings.MaxCreditsPerDay is { } daily)
        {
            var now = time.GetUtcNow();
            var today = await spend.GetAsync(UtcDays.Of(now), cancellationToken).ConfigureAwait(false);
            if (today.TotalCredits + credits > daily)
            {
                return PerDay(credits, daily, today.TotalCredits, now);
            }
        }
        return (BudgetVerdict?)await BalanceAsync(settings, estimate, cached: true, cancellationToken).ConfigureAwait(false) ?? new BudgetAllowed(estimate);
    }

    /// <summary>
    /// The activity's check, once per generation: per-generation cap, fresh balance, then the day's entry (idempotent per
    /// generation id, so an activity run again does not count twice). Allowed means the entry is in the day's record.
    /// </summary>
    public async Task<BudgetVerdict> ReserveAsync(string generationId, RunwayGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.CurrentValue;
        long? estimate = ModelCreditRates.Estimate(request);
        if (PerGeneration(settings, estimate) is { } refused)
        {
            logger.GenerationRefusedByBudget(generationId, refused.ErrorCode, refused.EstimatedCredits, refused.LimitCredits);
            return refused;
        }
        if (await BalanceAsync(settings, estimate, cached: false, cancellationToken).ConfigureAwait(false) is { } poor)
        {
            logger.GenerationRefusedByBudget(generationId, poor.ErrorCode, poor.EstimatedCredits, poor.LimitCredits);
            return poor;
        }
        var now = time.GetUtcNow();
        var entry = new SpendEntry(generationId, request.Model, estimate ?? 0, now);
        var limit = estimate is null ? null : settings.MaxCreditsPerDay;
        var (result, total) = await spend.TryReserveAsync(entry, limit, cancellationToken).ConfigureAwait(false);
        if (result == SpendReservation.OverLimit)
        {
            var over = PerDay(estimate ?? 0, limit!.Value, total, now);
            logger.GenerationRefusedByBudget(generationId, over.ErrorCode, over.EstimatedCredits, over.LimitCredits);
            return over;
        }
        return new BudgetAllowed(estimate) { ReservedAt = now };
    }

    /// <summary>Takes back the day's entry of a generation Runway definitely did not create.</summary>
    public Task ReleaseAsync(string generationId, DateTimeOffset reservedAt, CancellationToken cancellationToken = default) =>
        spend.ReleaseAsync(UtcDays.Of(reservedAt), generationId, cancellationToken);

    /// <summary>Records Runway's own estimate beside ours (the day then counts Runway's), and says when they differ.</summary>
    public async Task RecordRunwayEstimateAsync(string generationId, DateTimeOffset reservedAt, long? estimate, long runwayEstimate,
        CancellationToken cancellationToken = default)
    {
        if (estimate != runwayEstimate)
        {
            logger.CreditEstimateDiffers(generationId, estimate, runwayEstimate, ModelCreditRates.AsOf);
        }
        await spend.RecordRunwayEstimateAsync(UtcDays.Of(reservedAt), generationId, runwayEstimate, cancellationToken).ConfigureAwait(false);
    }

    private static BudgetRefused? PerGeneration(BudgetOptions settings, long? estimate) =>
        estimate is { } credits && settings.MaxCreditsPerGeneration is { } max && credits > max
            ? new BudgetRefused(GenerationErrorCodes.BudgetPerGenerationExceeded, credits, max, max,
                $"This generation is estimated at {credits} credits (US${Usd(credits)}), more than Budget__MaxCreditsPerGeneration ({max}). " +
                "Ask for a shorter duration or a cheaper model, or raise the limit. Nothing was submitted.")
            : null;

    private static BudgetRefused PerDay(long credits, long limit, long spent, DateTimeOffset now)
    {
        long left = Math.Max(0, limit - spent);
        var turns = UtcDays.NextStart(now);
        return new BudgetRefused(GenerationErrorCodes.BudgetPerDayExceeded, credits, limit, left,
            $"This generation is estimated at {credits} credits, but only {left} of today's Budget__MaxCreditsPerDay ({limit}) are left " +
            $"({spent} already submitted today, UTC). Try again after {turns:yyyy-MM-dd HH:mm} UTC or raise the limit. Nothing was submitted.", turns);
    }

    /// <summary>A refusal when the balance cannot cover the estimate; null when it can, or when it cannot be told.</summary>
    private async Task<BudgetRefused?> BalanceAsync(BudgetOptions settings, long? estimate, bool cached, CancellationToken cancellationToken)
    {
        if (!settings.CheckBalance || estimate is not { } credits)
        {
            return null;
        }
        long balance;
        try
        {
            balance = await ReadBalanceAsync(settings, cached, cancellationToken).ConfigureAwait(false);
        }
        catch (RunwayException e)
        {
            // The balance guards against a refused create, not instead of one: Runway still refuses what it cannot charge.
            logger.CreditBalanceUnreadable(e.Kind);
            return null;
        }
        return balance >= credits
            ? null
            : new BudgetRefused(GenerationErrorCodes.InsufficientCredits, credits, balance, balance,
                $"This generation is estimated at {credits} credits, but the Runway organization has {balance} API credits left. {RunwayPortal.AddCreditsAdvice} Nothing was submitted.");
    }

    private async Task<long> ReadBalanceAsync(BudgetOptions settings, bool cached, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (cached && _balance is { } known && now - known.ReadAt < settings.BalanceCacheDuration)
            {
                return known.Balance;
            }
        }
        var organization = await runway.GetOrganizationAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _balance = (organization.CreditBalance, now);
        }
        return organization.CreditBalance;
    }

    private static string Usd(long credits) => (credits * ModelCreditRates.UsdPerCredit).ToString("0.00", CultureInfo.InvariantCulture);
}
