using RunwayRelay.Emulator.Admin;

namespace RunwayRelay.Emulator.Http;

/// <summary>
/// Records every request of a route kind as its answer starts (the status is final then, and the client cannot have
/// seen the answer yet, so a test reading the journal right after a response always finds the request).
/// A dropped connection is recorded when it is dropped.
/// </summary>
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
        http.Response.OnStarting(() =>
        {
            Record();
            return Task.CompletedTask;
        });
        http.SetJournalCallback(Record);
        // A client that goes away before any answer is still recorded.
        http.RequestAborted.Register(Record);
        return next(context);
    }
}
