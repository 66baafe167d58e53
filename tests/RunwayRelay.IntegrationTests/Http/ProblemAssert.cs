namespace RunwayRelay.IntegrationTests.Http;

/// <summary>Assertions on an <c>application/problem+json</c> answer, as every non-2xx of the HTTP API is.</summary>
internal static class ProblemAssert
{
    public const string ContentType = "application/problem+json";

    /// <summary>
    /// The answer is problem+json with <paramref name="status"/> on the status line and in the body, the
    /// <paramref name="errorCode"/> when given, and an <c>errors</c> entry with a message for each of <paramref name="fields"/>.
    /// Returns the body for what else a test checks.
    /// </summary>
    public static async Task<JsonElement> HasAsync(HttpResponseMessage response, int status, string? errorCode = null, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(ContentType, response.Content.Headers.ContentType?.MediaType);
        var problem = await HttpApi.JsonAsync(response);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        if (errorCode is not null)
        {
            Assert.Equal(errorCode, problem.GetProperty("errorCode").GetString());
        }
        if (fields.Length > 0)
        {
            var errors = problem.GetProperty("errors");
            foreach (string field in fields)
            {
                Assert.True(errors.TryGetProperty(field, out var messages), $"errors names '{field}': {errors}");
                Assert.NotEmpty(messages.EnumerateArray());
            }
        }
        return problem;
    }

    /// <summary>A generation's terminal failure: <see cref="HasAsync"/>, and its id, generation status and error code.</summary>
    public static async Task<JsonElement> FailureAsync(HttpResponseMessage response, int status, string id, GenerationPhase generationStatus, string errorCode)
    {
        var problem = await HasAsync(response, status, errorCode);
        Assert.Equal(id, problem.GetProperty("id").GetString());
        Assert.Equal(generationStatus.ToString(), problem.GetProperty("generationStatus").GetString());
        return problem;
    }
}
