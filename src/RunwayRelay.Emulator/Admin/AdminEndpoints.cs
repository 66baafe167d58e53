using System.Text.Json;
using RunwayRelay.Emulator.Hosting;
using RunwayRelay.Emulator.Http;
using RunwayRelay.Emulator.Tasks;

namespace RunwayRelay.Emulator.Admin;

/// <summary>
/// Test-facing endpoints under <c>/_emulator</c>: what was received, reset, credit balance and live options.
/// They take no API key (they are the emulator's, not Runway's) and never show raw keys.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder root)
    {
        var admin = root.MapGroup("/_emulator");
        admin.MapGet("/requests", (RequestJournal journal) => RunwayResults.Ok(journal.Snapshot()));
        admin.MapGet("/tasks", (TaskStore store) => RunwayResults.Ok(store.Timelines()));
        admin.MapPost("/reset", (EmulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
        admin.MapGet("/credits", (TaskStore store) => RunwayResults.Ok(new { creditBalance = store.CreditBalance }));
        admin.MapPut("/credits", async (HttpContext http, TaskStore store) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            if (!body.RootElement.TryGetProperty("creditBalance", out var balance) || !balance.TryGetInt64(out var value))
            {
                return RunwayResults.Error(StatusCodes.Status400BadRequest, "Send {\"creditBalance\": <integer>}.");
            }
            store.SetCreditBalance(value);
            return RunwayResults.Ok(new { creditBalance = store.CreditBalance });
        });
        admin.MapGet("/options", (EmulatorOptions options) => RunwayResults.Ok(OptionsPatcher.Public(options)));
        admin.MapPatch("/options", async (HttpContext http, EmulatorOptions options) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var error = OptionsPatcher.Apply(options, body.RootElement);
            return error is null ? RunwayResults.Ok(OptionsPatcher.Public(options)) : RunwayResults.Error(StatusCodes.Status400BadRequest, error);
        });
    }
}
