namespace Concordat.Server.Citizen;

/// <summary>Log messages of citizen sign-in and the demo provider; never a NINO, code or token.</summary>
internal static partial class CitizenLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Citizen sign-in failed: {Reason}")]
    public static partial void SignInFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Citizen signed in without a valid National Insurance number in claim {Claim}")]
    public static partial void NoNino(ILogger logger, string claim);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Demo identity provider refused a token request: {Error}")]
    public static partial void TokenRefused(ILogger logger, string error);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "The demo identity provider is on: anyone can sign in as a demo citizen. Never enable it with real data.")]
    public static partial void DemoProviderOn(ILogger logger);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Demo citizen records seeded: {Records} records")]
    public static partial void DemoRecordsSeeded(ILogger logger, int records);
}
