using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;

namespace RunwayRelay.Http;

/// <summary>Reading a generation request: its body within the size limit, its headers, and every problem of both at once.</summary>
public sealed partial class GenerationsApi
{
    /// <summary>A JSON body within <c>Api__MaxRequestBodyBytes</c>, or the 415 or 413 answer.</summary>
    private async Task<(ReadOnlyMemory<byte> Body, IResult? Refusal)> ReadJsonBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!RequestBodyReader.IsJson(request.ContentType))
        {
            return (default, GenerationProblems.UnsupportedMediaType(request.ContentType));
        }
        long limit = _api.CurrentValue.MaxRequestBodyBytes;
        if (await RequestBodyReader.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            _logger.BodyTooLarge(request.Path.Value ?? "", limit);
            return (default, GenerationProblems.TooLarge(limit));
        }
        return (body, null);
    }

    /// <summary>The body read and judged with the request's Host (problems into <paramref name="errors"/>), or the 415 or 413 answer.</summary>
    private async Task<(AcceptedGenerationRequest? Accepted, IResult? Refusal)> ReadGenerationAsync(HttpRequest request, ValidationErrors errors,
        CancellationToken cancellationToken)
    {
        var (body, refusal) = await ReadJsonBodyAsync(request, cancellationToken).ConfigureAwait(false);
        return refusal is not null ? (null, refusal) : (Judge(request, body, errors), null);
    }

    private static string? ReadIdempotencyKey(HttpRequest request, ValidationErrors errors)
    {
        if (!request.Headers.TryGetValue(GenerationIds.IdempotencyKeyHeader, out var values))
        {
            return null;
        }
        if (values.Count != 1 || values[0] is not { } key)
        {
            errors.Add(GenerationIds.IdempotencyKeyHeader, "must be sent once");
            return null;
        }
        if (GenerationIds.IdempotencyKeyProblem(key) is { } problem)
        {
            errors.Add(GenerationIds.IdempotencyKeyHeader, problem);
            return null;
        }
        return key;
    }

    /// <summary>The request's problems (into <paramref name="errors"/>): its Host, then its body; or the request to run.</summary>
    internal AcceptedGenerationRequest? Judge(HttpRequest request, ReadOnlyMemory<byte> body, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (GenerationUrlBuilder.HostProblem(request, _api.CurrentValue.PublicBase) is { } hostProblem)
        {
            errors.Add(GenerationUrlBuilder.HostHeader, hostProblem);
        }
        return Judge(body, errors);
    }

    /// <summary>The body's problems (into <paramref name="errors"/>) or the request to run.</summary>
    internal AcceptedGenerationRequest? Judge(ReadOnlyMemory<byte> body, ValidationErrors errors)
    {
        if (body.IsEmpty)
        {
            errors.Add(GenerationFields.Body, "The body is empty; send a JSON object describing the generation.");
            return null;
        }
        if (JsonTextCheck.BodyProblem(body.Span) is { } bom)
        {
            errors.Add(GenerationFields.Body, bom);
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            errors.Add(GenerationFields.Body, JsonTextCheck.Utf8Problem(body.Span) ?? $"The body is not valid JSON: {e.Message}");
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object && !JsonTextCheck.Check(document.RootElement, errors))
            {
                return null;
            }
            var read = GenerationRequestReader.Read(document.RootElement, errors);
            if (errors.Contains(GenerationFields.Body))
            {
                return null;
            }
            var callbacks = _callbacks.CurrentValue;
            var policy = new GenerationRequestPolicy(callbacks.CanSign, callbacks.AllowLoopback)
            {
                AllowUnknownModels = _runway.CurrentValue.AllowUnknownModels,
            };
            var accepted = GenerationRequestMapper.Map(read, policy, errors);
            return errors.Count == 0 ? accepted : null;
        }
    }

    private CallbackEventSubscription? EventsOf(AcceptedGenerationRequest accepted) =>
        accepted.CallbackEvents is { Count: > 0 } events
            ? new CallbackEventSubscription(events.Contains(CallbackEventTypes.Running), events.Contains(CallbackEventTypes.Progress),
                _callbacks.CurrentValue.ProgressInterval)
            : null;
}
