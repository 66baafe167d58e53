using Microsoft.Extensions.Options;
using RunwayRelay.DevHost.Access;

namespace RunwayRelay.DevHost.Hosting;

/// <summary>
/// The DevHost's own settings, checked at start (one line each, printed by RunDevHostAsync). Remote access depends on
/// where it listens: a non-loopback <paramref name="url"/> needs <c>DevHost__AllowRemote</c> and a key.
/// </summary>
internal sealed class DevHostOptionsValidator(Uri url) : IValidateOptions<DevHostOptions>
{
    public ValidateOptionsResult Validate(string? name, DevHostOptions options)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!(options.TaskHub.Length is >= 3 and <= 45 && char.IsAsciiLetter(options.TaskHub[0]) && options.TaskHub.All(char.IsAsciiLetterOrDigit)))
        {
            failures.Add("DevHost__TaskHub must be 3 to 45 letters and digits, starting with a letter.");
        }
        if (options.MaxQueuePollingInterval <= TimeSpan.Zero)
        {
            failures.Add("DevHost__MaxQueuePollingInterval must be a positive duration such as 00:00:01.");
        }
        if (options.MessageVisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add("DevHost__MessageVisibilityTimeout must be at least 00:00:01.");
        }
        if (options.MaxConcurrentActivities is < 1 or > 1000)
        {
            failures.Add("DevHost__MaxConcurrentActivities must be from 1 to 1000.");
        }
        if (options.MaxConcurrentOrchestrations is < 1 or > 1000)
        {
            failures.Add("DevHost__MaxConcurrentOrchestrations must be from 1 to 1000.");
        }
        if (options.InboxMaxAttempts is < 1 or > 100)
        {
            failures.Add("DevHost__InboxMaxAttempts must be from 1 to 100.");
        }
        if (!ListenAddress.IsLoopback(url) && !options.AllowRemote)
        {
            failures.Add($"DEVHOST_URL {url.GetLeftPart(UriPartial.Authority)} is not a loopback address: use http://127.0.0.1:<port>, or set DevHost__AllowRemote=true and DevHost__ApiKey to let other machines in.");
        }
        if (options.AllowRemote && options.ApiKey is not { Length: >= DevHostApiKey.MinLength })
        {
            failures.Add($"DevHost__ApiKey must be set to at least {DevHostApiKey.MinLength} characters when DevHost__AllowRemote=true (e.g. the output of `openssl rand -hex 32`).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
