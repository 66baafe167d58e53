namespace RunwayRelay.Scheduling;

/// <summary>What to do when the output name a generation asks for is taken.</summary>
public enum OutputNamePolicy
{
    /// <summary>Refuse the generation (the HTTP API's 409): the caller chose the name.</summary>
    Exact,

    /// <summary>Use <c>&lt;stem&gt;-&lt;last 8 characters of the generation id&gt;&lt;extension&gt;</c> instead (blob uploads: the name is only natural).</summary>
    SuffixWhenTaken,
}
