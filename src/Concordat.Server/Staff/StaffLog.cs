namespace Concordat.Server.Staff;

/// <summary>Log messages of staff sign-in; never a token, a name or an e-mail address.</summary>
internal static partial class StaffLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Staff sign-in failed: {Reason}")]
    public static partial void SignInFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Staff sign-in refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Staff member signed in for organisation {Organisation} with roles {Roles}")]
    public static partial void SignedIn(ILogger logger, string organisation, string roles);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "The demo identity provider serves staff identities: anyone can sign in as a demo steward, DPO or administrator. Never enable it with real data.")]
    public static partial void DemoProviderOn(ILogger logger);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Warning, Message = "A staff form was refused: its anti-forgery token was missing or not valid")]
    public static partial void FormRefused(ILogger logger);
}
