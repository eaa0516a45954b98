namespace Concordat.Server.Citizen.DemoIdentity;

/// <summary>The parameters of an authorization request (RFC 6749 section 4.1.1 with RFC 7636 PKCE), checked.</summary>
internal sealed record DemoAuthorizeRequest(string ClientId, string RedirectUri, string Scope, string State, string? Nonce, string CodeChallenge)
{
    /// <summary>The parameters carried through the sign-in form, by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["response_type"] = "code",
        ["client_id"] = ClientId,
        ["redirect_uri"] = RedirectUri,
        ["scope"] = Scope,
        ["state"] = State,
        ["nonce"] = Nonce ?? "",
        ["code_challenge"] = CodeChallenge,
        ["code_challenge_method"] = "S256",
    };

    /// <summary>Checks a request against the one registered client; the error says what is wrong, in words.</summary>
    public static (DemoAuthorizeRequest? Request, string? Error) Parse(Func<string, string?> get, string clientId, string redirectUri)
    {
        ArgumentNullException.ThrowIfNull(get);
        if (!string.Equals(get("client_id"), clientId, StringComparison.Ordinal))
        {
            return (null, "The service that sent you here is not registered with the demo sign-in.");
        }

        if (!string.Equals(get("redirect_uri"), redirectUri, StringComparison.Ordinal))
        {
            return (null, "The address to return to is not the one registered for this service.");
        }

        if (!string.Equals(get("response_type"), "code", StringComparison.Ordinal))
        {
            return (null, "Only the authorization code flow is supported.");
        }

        var scope = get("scope") ?? "";
        if (!scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
        {
            return (null, "The request must ask for the openid scope.");
        }

        var state = get("state");
        if (string.IsNullOrEmpty(state) || state.Length > 4096)
        {
            return (null, "The request has no state.");
        }

        var challenge = get("code_challenge");
        if (!string.Equals(get("code_challenge_method"), "S256", StringComparison.Ordinal) || challenge is null || challenge.Length != 43)
        {
            return (null, "The request must use PKCE with the S256 method.");
        }

        var nonce = get("nonce");
        return (new DemoAuthorizeRequest(clientId, redirectUri, scope, state, string.IsNullOrEmpty(nonce) ? null : nonce, challenge), null);
    }
}
