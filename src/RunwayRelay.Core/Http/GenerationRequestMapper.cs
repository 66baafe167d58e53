using RunwayRelay.Callbacks;
using RunwayRelay.Runway;

namespace RunwayRelay.Http;

/// <summary>
/// Turns a read body into the typed Runway request and judges it: the endpoint, which fields that endpoint takes, the
/// output blob name, the callback URL, and then <see cref="RunwayRequestValidator"/> for the per-model rules.
/// Every problem is reported; the result is null when there is any.
/// </summary>
public static class GenerationRequestMapper
{
    public const int MaxBlobNameLength = 1024;
    public const int MaxBlobNameSegments = 254;
    public const int MaxCallbackUrlLength = 2048;

    /// <summary>Which endpoints take each field; a field sent to another endpoint is an error, not silently dropped.</summary>
    internal static IReadOnlyDictionary<string, string[]> EndpointsOf => GenerationRequestContract.EndpointsOf;

    public static AcceptedGenerationRequest? Map(GenerationRequestBody body, GenerationRequestPolicy policy, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(errors);

        string? outputBlobName = CheckBlobName(body.OutputBlobName, errors);
        Uri? callbackUrl = body.CallbackUrl is { } url ? CheckCallbackUrl(url, policy, errors) : null;

        string endpoint;
        bool assumed = false;
        if (body.Endpoint is { } given)
        {
            if (!RunwayEndpoints.All.Contains(given, StringComparer.Ordinal))
            {
                errors.Add(GenerationFields.Endpoint, $"must be one of {string.Join(", ", RunwayEndpoints.All)} (got '{given}')");
                return null;
            }
            endpoint = given;
        }
        else if (body.Present.Contains(GenerationFields.Endpoint))
        {
            // Present but not a string: the reader already said so.
            return null;
        }
        else
        {
            endpoint = body.Values.ContainsKey(GenerationFields.PromptImage) ? RunwayEndpoints.ImageToVideo : RunwayEndpoints.TextToVideo;
            assumed = true;
        }

        foreach (string field in body.Present)
        {
            if (EndpointsOf.TryGetValue(field, out var endpoints) && !endpoints.Contains(endpoint, StringComparer.Ordinal))
            {
                errors.Add(field, $"is not a field of {endpoint}" +
                    (assumed ? $" (no endpoint was given, so {endpoint} was assumed)" : "") +
                    $"; endpoints that take it: {string.Join(", ", endpoints)}");
            }
        }

        RunwayGenerationRequest request = Build(endpoint, body);
        Validate(request, policy, errors);

        var events = body.CallbackEvents is { } asked ? CheckCallbackEvents(asked, body.CallbackUrl is not null, errors) : null;
        return errors.Count == 0 ? new AcceptedGenerationRequest(request, outputBlobName, callbackUrl, events) : null;
    }

    /// <summary>
    /// Judges a request built in code rather than read from a body (an upload's metadata): its output blob name and the
    /// per-model rules. Every problem is reported; the result is null when there is any.
    /// </summary>
    public static AcceptedGenerationRequest? Map(RunwayGenerationRequest request, string? outputBlobName, GenerationRequestPolicy policy,
        ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(errors);

        string? name = CheckBlobName(outputBlobName, errors);
        Validate(request, policy, errors);
        return errors.Count == 0 ? new AcceptedGenerationRequest(request, name, CallbackUrl: null) : null;
    }

    /// <summary>The endpoint's typed request from the body's values; fields the endpoint does not take are left out.</summary>
    internal static RunwayGenerationRequest Build(string endpoint, GenerationRequestBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return GenerationRequestContract.Create(endpoint, body.Values);
    }

    private static void Validate(RunwayGenerationRequest request, GenerationRequestPolicy policy, ValidationErrors errors)
    {
        foreach (var issue in RunwayRequestValidator.Validate(request, policy.AllowUnknownModels))
        {
            string field = issue.Field.Length == 0 ? GenerationFields.Body : issue.Field;
            // A field the reader could not read is absent from the typed request; "is required" on top would mislead.
            if (!errors.Fields.Any(f => Overlaps(f, field)))
            {
                errors.Add(field, issue.Message);
            }
        }
    }

    private static string? CheckBlobName(string? name, ValidationErrors errors)
    {
        if (name is null)
        {
            return null;
        }
        if (BlobNameProblem(name) is { } problem)
        {
            errors.Add(GenerationFields.OutputBlobName, problem);
            return null;
        }
        return name;
    }

    /// <summary>
    /// Null when <paramref name="name"/> is a safe blob name in the output container; else why not. Names are taken
    /// literally, so they must not hold anything Azure would rewrite: it drops <c>.</c> and <c>..</c> segments and dots
    /// at the end of a segment, so <c>a/./b.mp4</c> would be stored as <c>a/b.mp4</c> while the API reported the name
    /// given, and <c>..</c> could write outside the names the caller chose.
    /// </summary>
    public static string? BlobNameProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || string.IsNullOrWhiteSpace(name)) return "must not be empty";
        if (name.Length > MaxBlobNameLength) return $"is {name.Length} characters long; blob names take at most {MaxBlobNameLength}";
        if (name[0] == '/') return "must not start with '/'";
        if (name.Contains('\\')) return "must not contain '\\' (use '/' for virtual folders)";
        if (name.Any(char.IsControl)) return "must not contain control characters";
        if (name.EndsWith('/')) return "must not end with '/'";
        string[] segments = name.Split('/');
        if (segments.Length > MaxBlobNameSegments) return $"has {segments.Length} path segments; blob names take at most {MaxBlobNameSegments}";
        foreach (string segment in segments)
        {
            if (segment.Length == 0) return "must not contain empty path segments ('//')";
            if (segment is "." or "..") return $"must not contain '.' or '..' path segments (found '{segment}'); Azure would drop or resolve them";
            if (segment.EndsWith('.')) return $"has the path segment '{Shorten(segment)}' ending in '.'; Azure drops trailing dots, so the blob would get another name";
            if (segment.Length > 254) return "has a path segment longer than 254 characters";
        }
        return null;
    }

    private static string Shorten(string segment) => segment.Length <= 40 ? segment : segment[..20] + "..." + segment[^17..];

    private static HashSet<string>? CheckCallbackEvents(IReadOnlyList<string> asked, bool hasCallbackUrl, ValidationErrors errors)
    {
        const string field = GenerationFields.CallbackEvents;
        if (!hasCallbackUrl)
        {
            errors.Add(field, "needs a callbackUrl to send the events to");
            return null;
        }
        var events = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in asked)
        {
            if (!CallbackEventTypes.Optional.Contains(name))
            {
                errors.Add(field, $"'{name}' is not an event to ask for; use {string.Join(" or ", CallbackEventTypes.Optional.Select(e => $"'{e}'"))} ('{CallbackEventTypes.Completed}' is always sent)");
                continue;
            }
            events.Add(name);
        }
        return events;
    }

    private static Uri? CheckCallbackUrl(string value, GenerationRequestPolicy policy, ValidationErrors errors)
    {
        const string field = GenerationFields.CallbackUrl;
        if (value.Length > MaxCallbackUrlLength)
        {
            errors.Add(field, $"is {value.Length} characters long; at most {MaxCallbackUrlLength}");
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || string.IsNullOrEmpty(url.Host))
        {
            errors.Add(field, "must be an absolute https URL");
            return null;
        }
        if (CallbackUrlPolicy.Check(url, policy.AllowLoopbackCallbacks) is { } refusal)
        {
            errors.Add(field, refusal);
            return null;
        }
        if (!policy.CallbacksEnabled)
        {
            errors.Add(field, "callbacks are off on this server (Callbacks__SigningSecret is not set); leave callbackUrl out and poll the status URL");
            return null;
        }
        return url;
    }

    /// <summary>True when one path is the other or lies under it (<c>promptImage</c> and <c>promptImage.0.uri</c>).</summary>
    private static bool Overlaps(string a, string b) =>
        a == b
        || (a.Length > b.Length ? a.StartsWith(b + ".", StringComparison.Ordinal) : b.StartsWith(a + ".", StringComparison.Ordinal));
}
