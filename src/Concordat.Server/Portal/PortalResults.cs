using Concordat.Server.Portal.Pages;
using Concordat.Server.Portal.Staff.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Server.Portal;

/// <summary>The portal's answers to a browser when a page cannot be shown: always a GOV.UK page, never JSON.</summary>
internal static class PortalResults
{
    /// <summary>The GOV.UK "You do not have access" page (403), saying why.</summary>
    public static IResult NoAccess(string reason) =>
        new RazorComponentResult<NoAccessPage>(new Dictionary<string, object?> { [nameof(NoAccessPage.Reason)] = reason })
        {
            StatusCode = StatusCodes.Status403Forbidden,
        };

    /// <summary>The GOV.UK "Page not found" page (404), the same whether the thing is missing or hidden.</summary>
    public static IResult NotFound() => new RazorComponentResult<NotFoundPage> { StatusCode = StatusCodes.Status404NotFound };

    /// <summary>The page shown when staff sign-in could not be completed (400).</summary>
    public static IResult SignInFailed() => new RazorComponentResult<StaffSignInFailedPage> { StatusCode = StatusCodes.Status400BadRequest };

    /// <summary>The page shown when a form's anti-forgery token is missing or wrong (400): nothing was changed.</summary>
    public static IResult FormExpired() => new RazorComponentResult<FormExpiredPage> { StatusCode = StatusCodes.Status400BadRequest };
}
