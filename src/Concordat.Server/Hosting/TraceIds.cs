using System.Diagnostics;

namespace Concordat.Server.Hosting;

/// <summary>The correlation id a caller can quote and an operator can find in the log.</summary>
internal static class TraceIds
{
    /// <summary>The W3C trace id of the current request, or the server's request id when there is no activity.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Activity.Current?.Id ?? context.TraceIdentifier;
    }
}
