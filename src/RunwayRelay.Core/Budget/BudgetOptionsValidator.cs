using Microsoft.Extensions.Options;

namespace RunwayRelay.Budget;

/// <summary>One actionable line per bad setting, reported at start (<c>ValidateOnStart</c>).</summary>
internal sealed class BudgetOptionsValidator : IValidateOptions<BudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, BudgetOptions options)
    {
        var failures = new List<string>();
        if (options.MaxCreditsPerGeneration is <= 0)
        {
            failures.Add("Budget__MaxCreditsPerGeneration must be a positive number of credits (1 credit = US$0.01), e.g. 100, or unset for no limit.");
        }
        if (options.MaxCreditsPerDay is <= 0)
        {
            failures.Add("Budget__MaxCreditsPerDay must be a positive number of credits (1 credit = US$0.01), e.g. 5000, or unset for no limit.");
        }
        if (options.BalanceCacheDuration < TimeSpan.Zero || options.BalanceCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add("Budget__BalanceCacheDuration must be between 00:00:00 (no cache) and 01:00:00, such as 00:00:30.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
