namespace RunwayRelay.Emulator.Tasks;

internal enum CreateStatus
{
    Created,
    DailyLimitReached,
    InsufficientCredits,
}
