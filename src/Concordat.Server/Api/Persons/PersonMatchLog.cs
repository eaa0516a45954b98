namespace Concordat.Server.Api.Persons;

/// <summary>Log events of the person match index: counts and durations only, never a value.</summary>
internal static partial class PersonMatchLog
{
    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Person match index built: {Records} records of {Persons} persons in {Milliseconds} ms")]
    public static partial void Built(ILogger logger, int records, int persons, long milliseconds);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Person match index not built: {Code}")]
    public static partial void NotBuilt(ILogger logger, string code);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Information, Message = "Person match index refreshed: {Changed} records changed")]
    public static partial void Refreshed(ILogger logger, int changed);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Error, Message = "Person match index refresh failed")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);
}
