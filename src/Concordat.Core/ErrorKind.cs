namespace Concordat.Core;

/// <summary>Category of an expected failure; decides the HTTP status and CLI exit code in one place each.</summary>
public enum ErrorKind
{
    /// <summary>Input is malformed or breaks a rule (HTTP 400/422, exit 2).</summary>
    Validation,
    /// <summary>Not found or not visible to the caller (HTTP 404, exit 3).</summary>
    NotFound,
    /// <summary>Authenticated but not permitted (HTTP 403, exit 4).</summary>
    Forbidden,
    /// <summary>Conflicts with current state (HTTP 409, exit 5).</summary>
    Conflict,
    /// <summary>A service this depends on cannot be used now: another node unreachable, the federation configuration expired (HTTP 503, exit 1).</summary>
    Unavailable,
}
