namespace RunwayRelay.Http.OpenApi;

/// <summary>One problem+json answer of an operation: its status, the <see cref="ProblemSchemas"/> schema and when it is sent.</summary>
internal sealed record ProblemAnswer(int Status, string Schema, string Description);
