using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Federation;

/// <summary>A valid token presented on a connection whose certificate is not the one it is bound to (RFC 8705 section 3).</summary>
public sealed class SecurityTokenUnboundException : SecurityTokenValidationException
{
    public SecurityTokenUnboundException()
        : base("The access token is bound to another certificate.")
    {
    }

    public SecurityTokenUnboundException(string message)
        : base(message)
    {
    }

    public SecurityTokenUnboundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
