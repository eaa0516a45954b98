using System.Reflection;
using Concordat.Core.Catalogue;
using Concordat.Server.Auth;
using Microsoft.AspNetCore.Antiforgery;

namespace Concordat.Server.Portal.Staff;

/// <summary>
/// The signed-in member of staff as a page sees them: who they act as (the same <see cref="CallerContext"/> an API
/// token gives), their name and organisation, and the anti-forgery token every form on the page carries. Bound to
/// handler parameters from the staff session.
/// </summary>
/// <param name="Caller">The member as the access rules see them.</param>
/// <param name="Name">Their name from the provider, or their subject when it gave none.</param>
/// <param name="OrganisationName">Their organisation's name.</param>
/// <param name="AntiforgeryField">The anti-forgery form field name.</param>
/// <param name="AntiforgeryToken">The anti-forgery request token.</param>
public sealed record StaffUser(CallerContext Caller, string Name, string OrganisationName, string AntiforgeryField, string AntiforgeryToken)
{
    /// <summary>The member's roles in words, e.g. "data steward".</summary>
    public string RolesText => string.Join(" and ", RoleNames.Of(Caller.Roles).Select(r => r switch
    {
        RoleNames.Steward => "data steward",
        RoleNames.Dpo => "data protection officer",
        RoleNames.Admin => "hub administrator",
        _ => r,
    }));

    /// <summary>Binds the member from the request's staff session (the staff policy has already admitted it).</summary>
    public static async ValueTask<StaffUser?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = CallerContext.From(context.User);
        var catalogue = context.RequestServices.GetRequiredService<ICatalogueStore>();
        var organisation = await catalogue.GetOrganisationAsync(caller.OrganisationId, context.RequestAborted);
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var name = context.User.FindFirst("name")?.Value ?? caller.ClientId;
        return new StaffUser(caller, name, organisation?.Name ?? caller.OrganisationId, tokens.FormFieldName, tokens.RequestToken ?? "");
    }
}
