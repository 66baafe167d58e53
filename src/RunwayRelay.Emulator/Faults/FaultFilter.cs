using RunwayRelay.Emulator.Http;
using RunwayRelay.Emulator.Tasks;

namespace RunwayRelay.Emulator.Faults;

/// <summary>
/// Injects the faults of <see cref="FaultRule"/> for one route kind. A 429 always happens before the request takes
/// effect; a 5xx or a dropped connection happens before or after it, as <see cref="FaultRule.AfterProcessing"/> says.
/// </summary>
internal sealed class FaultFilter(RouteKind kind, EmulatorOptions options, EmulatorRandom random) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var rule = options.Faults.For(kind);
        var slow = Take(rule, r => r.SlowNext, (r, v) => r.SlowNext = v, rule.SlowRate);
        var drop = Take(rule, r => r.DropConnectionNext, (r, v) => r.DropConnectionNext = v, rule.DropConnectionRate);
        var tooMany = !drop && Take(rule, r => r.TooManyRequestsNext, (r, v) => r.TooManyRequestsNext = v, rule.TooManyRequestsRate);
        var serverError = !drop && !tooMany && Take(rule, r => r.ServerErrorNext, (r, v) => r.ServerErrorNext = v, rule.ServerErrorRate);
        var truncate = kind == RouteKind.Download && Take(rule, r => r.TruncateNext, (r, v) => r.TruncateNext = v, rule.TruncateRate);

        if (slow)
        {
            await Task.Delay(rule.SlowDelay, http.RequestAborted);
        }
        if (tooMany)
        {
            var seconds = (int)Math.Ceiling(rule.RetryAfter.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers["retry-after-ms"] = ((long)rule.RetryAfter.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return RunwayResults.Error(StatusCodes.Status429TooManyRequests, "Too many requests. Please slow down and retry later.");
        }
        if (!rule.AfterProcessing)
        {
            if (drop)
            {
                http.AbortConnection();
                return Results.Empty;
            }
            if (serverError)
            {
                return ServerError(rule.ServerErrorStatusCode);
            }
        }
        if (truncate)
        {
            http.MarkTruncate();
        }

        var result = await next(context);

        if (drop)
        {
            http.AbortConnection();
            return Results.Empty;
        }
        return serverError ? ServerError(rule.ServerErrorStatusCode) : result;
    }

    private static IResult ServerError(int statusCode) => RunwayResults.Error(statusCode, statusCode switch
    {
        502 => "Bad gateway.",
        503 => "Service unavailable. Please retry later.",
        504 => "Gateway timeout.",
        _ => "Internal server error.",
    });

    /// <summary>A forced "next N" fault counts down first; otherwise the rate is rolled.</summary>
    private bool Take(FaultRule rule, Func<FaultRule, int> getNext, Action<FaultRule, int> setNext, double rate)
    {
        lock (rule)
        {
            var remaining = getNext(rule);
            if (remaining > 0)
            {
                setNext(rule, remaining - 1);
                return true;
            }
        }
        return random.Roll(rate);
    }
}
