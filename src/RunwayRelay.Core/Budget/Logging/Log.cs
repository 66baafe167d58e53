using Microsoft.Extensions.Logging;
using RunwayRelay.Runway;

namespace RunwayRelay.Budget;

/// <summary>The spending guards' log messages (event ids 450-499).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 450, Level = LogLevel.Warning, Message = "Generation {GenerationId} not submitted: {Code} (estimate {Estimate} credits, limit {Limit})")]
    public static partial void GenerationRefusedByBudget(this ILogger logger, string generationId, string code, long? estimate, long limit);

    [LoggerMessage(EventId = 451, Level = LogLevel.Warning, Message = "The Runway credit balance could not be read ({Kind}); not checked for this generation")]
    public static partial void CreditBalanceUnreadable(this ILogger logger, RunwayErrorKind kind);

    [LoggerMessage(EventId = 452, Level = LogLevel.Warning, Message = "Generation {GenerationId}: estimated {Estimate} credits, Runway estimates {RunwayEstimate}; update ModelCreditRates (figures of {AsOf})")]
    public static partial void CreditEstimateDiffers(this ILogger logger, string generationId, long? estimate, long runwayEstimate, string asOf);
}
