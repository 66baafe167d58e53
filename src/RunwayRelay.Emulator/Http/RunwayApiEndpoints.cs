using System.Globalization;
using System.Text.Json;
using RunwayRelay.Emulator.Media;
using RunwayRelay.Emulator.Tasks;
using RunwayRelay.Emulator.Uploads;
using RunwayRelay.Emulator.Validation;

namespace RunwayRelay.Emulator.Http;

/// <summary>Runway's public API under <c>/v1</c>.</summary>
internal static class RunwayApiEndpoints
{
    public static void Map(IEndpointRouteBuilder root, EmulatorRoutes routes)
    {
        foreach (var endpoint in ModelCatalog.Endpoints)
        {
            routes.Configure(root.MapPost($"/v1/{endpoint}", (HttpContext http, TaskStore store, EmulatorOptions options, UploadStore uploads) =>
                CreateAsync(endpoint, http, store, options, uploads)), RouteKind.Create, authenticated: true);
        }

        routes.Configure(root.MapGet("/v1/tasks/{id}", (string id, HttpContext http, TaskStore store, EmulatorOptions options, OutputUrlSigner signer, TimeProvider time) =>
        {
            var task = store.Get(id);
            return task is null ? TaskNotFound() : RunwayResults.Ok(TaskJson(task, routes.OutputBaseUrl(http), options, signer, time));
        }), RouteKind.Read, authenticated: true);

        routes.Configure(root.MapDelete("/v1/tasks/{id}", (string id, TaskStore store) =>
            store.Delete(id) ? Results.NoContent() : TaskNotFound()), RouteKind.Delete, authenticated: true);

        routes.Configure(root.MapGet("/v1/organization", (TaskStore store, EmulatorOptions options) =>
            RunwayResults.Ok(OrganizationJson(store, options))), RouteKind.Read, authenticated: true);

        routes.Configure(root.MapPost("/v1/organization/usage", (HttpContext http, TaskStore store, TimeProvider time) =>
            UsageAsync(http, store, time)), RouteKind.Read, authenticated: true);
    }

    private static IResult TaskNotFound() => RunwayResults.Error(StatusCodes.Status404NotFound, "Task not found.");

    private static async Task<IResult> CreateAsync(string endpoint, HttpContext http, TaskStore store, EmulatorOptions options, UploadStore uploads)
    {
        using var document = await JsonRequestBody.ReadAsync(http);
        if (document is null)
        {
            return JsonRequestBody.NotJson();
        }
        var validation = RequestValidator.Validate(endpoint, document.RootElement);
        if (!validation.IsValid)
        {
            return RunwayResults.Invalid(validation.Issues);
        }
        var references = RunwayUriReferences.Check(document.RootElement, uploads);
        if (references.Count > 0)
        {
            return RunwayResults.Invalid(references);
        }

        var outcome = store.Create(validation.Spec!, document.RootElement, http.GetKeyFingerprint()!);
        switch (outcome.Status)
        {
            case CreateStatus.DailyLimitReached:
                return RunwayResults.Error(StatusCodes.Status429TooManyRequests,
                    $"You have reached the daily generation limit of your tier for {validation.Spec!.Model}. Try again later or upgrade your tier.");
            case CreateStatus.InsufficientCredits:
                return RunwayResults.Error(options.InsufficientCreditsStatusCode,
                    $"You do not have enough credits to run this task ({outcome.Credits} credits needed, {store.CreditBalance} available).");
        }
        http.SetTaskId(outcome.TaskId!);
        return RunwayResults.Ok(new { id = outcome.TaskId, estimatedCost = new { credits = outcome.Credits } });
    }

    private static Dictionary<string, object?> TaskJson(TaskView task, string outputBase, EmulatorOptions options, OutputUrlSigner signer, TimeProvider time)
    {
        var json = new Dictionary<string, object?>
        {
            ["id"] = task.Id,
            ["createdAt"] = task.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["status"] = task.Phase switch
            {
                TaskPhase.Pending => "PENDING",
                TaskPhase.Throttled => "THROTTLED",
                TaskPhase.Running => "RUNNING",
                TaskPhase.Succeeded => "SUCCEEDED",
                TaskPhase.Failed => "FAILED",
                _ => "CANCELLED",
            },
        };
        switch (task.Phase)
        {
            case TaskPhase.Pending or TaskPhase.Throttled:
                json["estimatedCost"] = new { credits = task.Credits };
                break;
            case TaskPhase.Running:
                json["progress"] = task.Progress;
                json["estimatedCost"] = new { credits = task.Credits };
                break;
            case TaskPhase.Succeeded:
                var expires = time.GetUtcNow().Add(options.OutputUrlLifetime).ToUnixTimeSeconds();
                var file = task.ProducesImage ? "0.png" : "0.mp4";
                var signature = signer.Sign(task.Id, file, expires);
                json["output"] = new[] { $"{outputBase}/{task.Id}/{file}?expires={expires}&signature={signature}" };
                json["cost"] = new { credits = task.Credits };
                break;
            case TaskPhase.Failed:
                json["failure"] = task.Failure;
                json["failureCode"] = task.FailureCode;
                json["cost"] = new { credits = task.Refunded ? 0 : task.Credits };
                break;
        }
        return json;
    }

    private static object OrganizationJson(TaskStore store, EmulatorOptions options)
    {
        var daily = store.DailyGenerations();
        return new
        {
            creditBalance = store.CreditBalance,
            tier = new
            {
                maxMonthlyCreditSpend = options.MaxMonthlyCreditSpend,
                models = ModelCatalog.AllModels.ToDictionary(m => m, m =>
                {
                    var limits = options.LimitsFor(m);
                    return new { maxConcurrentGenerations = limits.MaxConcurrentGenerations, maxDailyGenerations = limits.MaxDailyGenerations };
                }),
            },
            usage = new
            {
                models = daily.ToDictionary(d => d.Key, d => new { dailyGenerations = d.Value }),
            },
        };
    }

    private static async Task<IResult> UsageAsync(HttpContext http, TaskStore store, TimeProvider time)
    {
        DateOnly? start = null, before = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                start = ReadDate(body.RootElement, "startDate");
                before = ReadDate(body.RootElement, "beforeDate");
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                return RunwayResults.Error(StatusCodes.Status400BadRequest, "startDate and beforeDate must be dates written YYYY-MM-DD.");
            }
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        // Without dates: the 30 days up to and including today.
        var until = before ?? (start?.AddDays(30) ?? today.AddDays(1));
        var from = start ?? until.AddDays(-30);
        if (until <= from || until.DayNumber - from.DayNumber > 90)
        {
            return RunwayResults.Error(StatusCodes.Status400BadRequest, "beforeDate must be after startDate, at most 90 days later.");
        }

        var entries = store.LedgerEntries()
            .Select(e => (Date: DateOnly.FromDateTime(e.At.UtcDateTime), e.Model, e.Amount))
            .Where(e => e.Date >= from && e.Date < until)
            .ToList();
        var results = entries.GroupBy(e => e.Date).OrderBy(g => g.Key).Select(g => new
        {
            date = g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            usedCredits = g.GroupBy(e => e.Model).Select(m => new { model = m.Key, amount = m.Sum(x => x.Amount) }).ToList(),
        }).ToList();
        return RunwayResults.Ok(new { results, models = entries.Select(e => e.Model).Distinct().Order().ToList() });
    }

    private static DateOnly? ReadDate(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value)
            ? DateOnly.ParseExact(value.GetString() ?? throw new FormatException(), "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}
