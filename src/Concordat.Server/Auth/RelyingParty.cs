using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Concordat.Server.Auth;

/// <summary>
/// One OpenID Connect relying party of the hub (staff or citizen sign-in) as <see cref="RelyingPartyOidc"/> configures
/// it: where its session cookie and callback are, how it authenticates to the provider, which provider it trusts, and
/// what it does with the provider's answer.
/// </summary>
/// <param name="SignInScheme">The cookie scheme the signed-in principal is stored in.</param>
/// <param name="CallbackPath">The redirect URI path registered with the provider.</param>
/// <param name="ClientId">The hub's client id at the provider.</param>
/// <param name="ClientAuthentication"><c>none</c>, <c>client_secret_post</c> or <c>private_key_jwt</c>.</param>
/// <param name="ClientSecret">The secret for <c>client_secret_post</c>; ignored for the other methods.</param>
/// <param name="Scopes">Scopes, space separated.</param>
/// <param name="UseUserInfo">Whether to read the user info endpoint as well as the ID token.</param>
/// <param name="AuthorizationParameters">Extra authorization request parameters.</param>
/// <param name="Authority">The provider's issuer, or null for the demo provider or none.</param>
/// <param name="DemoProvider">Whether the hub's in-process demo provider serves this party when no authority is set.</param>
/// <param name="NotConfiguredAuthority">An unreachable issuer used when neither is set, so a sign-in fails with a configuration error.</param>
/// <param name="ClientKey">The key that signs <c>private_key_jwt</c> client assertions, from the request's services.</param>
/// <param name="OnTokenValidated">Turns the provider's claims into the hub's session (or fails the sign-in).</param>
/// <param name="OnRemoteFailure">Answers a failed sign-in with a page.</param>
internal sealed record RelyingParty(
    string SignInScheme,
    string CallbackPath,
    string ClientId,
    string ClientAuthentication,
    string? ClientSecret,
    string Scopes,
    bool UseUserInfo,
    IReadOnlyDictionary<string, string> AuthorizationParameters,
    Uri? Authority,
    bool DemoProvider,
    string NotConfiguredAuthority,
    Func<IServiceProvider, TokenSigningKey> ClientKey,
    Func<TokenValidatedContext, Task> OnTokenValidated,
    Func<RemoteFailureContext, Task> OnRemoteFailure);
