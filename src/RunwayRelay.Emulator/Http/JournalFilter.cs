using RunwayRelay.Emulator.Admin;

namespace RunwayRelay.Emulator.Http;

/// <summary>Records every request of a route kind once its answer is complete (so the final status is known).</summary>
internal sealed class JournalFilter(RouteKind kind, RequestJournal journal, TimeProvider time) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var at = time.GetUtcNow();
        var recorded = 0;
        void Record()
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                journal.Record(new EmulatorRequestRecord(at, http.Request.Method, http.Request.Path, kind,
                    http.Response.StatusCode, http.WasAborted(), http.GetKeyFingerprint(), http.GetTaskId()));
            }
        }
        http.Response.OnCompleted(() =>
        {
            Record();
            return Task.CompletedTask;
        });
        // An aborted connection may never complete a response: record when the request ends either way.
        http.RequestAborted.Register(Record);
        return next(context);
    }
}
