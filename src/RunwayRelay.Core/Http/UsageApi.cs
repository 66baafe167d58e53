using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RunwayRelay.Common;
using RunwayRelay.Runway;
using RunwayRelay.Storage;

namespace RunwayRelay.Http;

/// <summary>
/// <c>GET /api/usage?from=&amp;to=</c>: Runway's credits per UTC day and model (<c>POST /v1/organization/usage</c>)
/// side by side with what this service recorded submitting (the daily spend records), for both hosts.
/// </summary>
public sealed class UsageApi(IRunwayClient runway, IDailySpendStore spend, TimeProvider time, ILogger<UsageApi> logger)
{
    /// <summary>Runway answers at most this many days per report.</summary>
    public const int MaxDays = 90;

    public const string FromParameter = "from";
    public const string ToParameter = "to";

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        var today = UtcDays.Of(time.GetUtcNow());
        var to = ReadDate(request, ToParameter, errors) ?? today;
        var from = ReadDate(request, FromParameter, errors) ?? to.AddDays(-29);
        if (errors.Count == 0 && from > to)
        {
            errors.Add(FromParameter, $"must not be after {ToParameter} ({to:yyyy-MM-dd})");
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            errors.Add(ToParameter, $"must be at most {MaxDays} days after {FromParameter}, both included (Runway's limit); ask for {MaxDays} days at a time");
        }
        if (errors.Count > 0)
        {
            return GenerationProblems.InvalidRequest(errors);
        }

        RunwayCreditUsage reported;
        try
        {
            reported = await runway.GetUsageAsync(from, to.AddDays(1), cancellationToken).ConfigureAwait(false);
        }
        catch (RunwayException e)
        {
            logger.UsageUnavailable(e.Kind);
            return GenerationProblems.UsageUnavailable(e.Message);
        }
        var recorded = await spend.GetRangeAsync(from, to, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(Combine(from, to, reported, recorded), RunwayRelayJson.Web, statusCode: StatusCodes.Status200OK);
    }

    internal static UsageResponse Combine(DateOnly from, DateOnly to, RunwayCreditUsage reported, IReadOnlyList<DailySpend> recorded)
    {
        var rows = new Dictionary<(DateOnly Date, string Model), (long Runway, long Recorded, int Generations)>();
        foreach (var day in reported.Results)
        {
            if (!UtcDays.TryParse(day.Date, out var date))
            {
                continue;
            }
            foreach (var used in day.UsedCredits)
            {
                var row = rows.GetValueOrDefault((date, used.Model));
                rows[(date, used.Model)] = row with { Runway = row.Runway + used.Amount };
            }
        }
        foreach (var day in recorded)
        {
            foreach (var entry in day.Generations)
            {
                var row = rows.GetValueOrDefault((day.Date, entry.Model));
                rows[(day.Date, entry.Model)] = row with { Recorded = row.Recorded + entry.Credits, Generations = row.Generations + 1 };
            }
        }
        var days = rows.GroupBy(r => r.Key.Date).OrderBy(g => g.Key).Select(g =>
        {
            var models = g.OrderBy(r => r.Key.Model, StringComparer.Ordinal)
                .Select(r => new UsageByModel(r.Key.Model, r.Value.Runway, r.Value.Recorded, r.Value.Generations)).ToList();
            return new UsageDay(g.Key, models.Sum(m => m.RunwayCredits), models.Sum(m => m.RecordedCredits), models);
        }).ToList();
        return new UsageResponse(from, to, days.Sum(d => d.RunwayCredits), days.Sum(d => d.RecordedCredits), days);
    }

    private static DateOnly? ReadDate(HttpRequest request, string name, ValidationErrors errors)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return null;
        }
        if (values.Count == 1 && UtcDays.TryParse(values[0], out var date))
        {
            return date;
        }
        errors.Add(name, "must be one UTC date written YYYY-MM-DD, e.g. 2026-11-28");
        return null;
    }
}
