namespace Concordat.Core;

/// <summary>An expected failure: a stable machine code, a human message and, optionally, what it concerns.</summary>
/// <param name="Code">Stable code, e.g. <c>dataset.not_found</c>; part of the API contract.</param>
/// <param name="Message">One sentence a user can act on.</param>
/// <param name="Kind">How the failure maps to HTTP status and CLI exit code.</param>
/// <param name="Target">The field, line or parameter at fault, if any.</param>
public sealed record Error(string Code, string Message, ErrorKind Kind = ErrorKind.Validation, string? Target = null)
{
    /// <summary>A validation failure.</summary>
    public static Error Validation(string code, string message, string? target = null) => new(code, message, ErrorKind.Validation, target);

    /// <summary>The thing asked for does not exist or the caller may not see it.</summary>
    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);

    /// <summary>The caller is known but may not do this.</summary>
    public static Error Forbidden(string code, string message) => new(code, message, ErrorKind.Forbidden);

    /// <summary>The request conflicts with current state (duplicate id, stale version).</summary>
    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);

    /// <summary>Something this depends on cannot be used now; trying again later may succeed.</summary>
    public static Error Unavailable(string code, string message) => new(code, message, ErrorKind.Unavailable);
}
