// Marks the page as scripted before it paints, as GOV.UK Frontend expects; external so the CSP needs no inline script.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
