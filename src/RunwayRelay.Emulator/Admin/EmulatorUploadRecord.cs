namespace RunwayRelay.Emulator.Admin;

/// <summary>
/// One file stored through a presigned upload URL (step 2 of an ephemeral upload). <paramref name="HadAuthorization"/>
/// says whether that request carried an Authorization header (a client must not send its key there); never its value.
/// </summary>
public sealed record EmulatorUploadRecord(
    string UploadId,
    string FileName,
    long Bytes,
    string Sha256,
    string? ContentType,
    bool HadAuthorization,
    DateTimeOffset At);
