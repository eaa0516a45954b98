namespace Concordat.Server.Api;

/// <summary>One entry of a validation problem's <c>errors</c> extension.</summary>
/// <param name="Code">Stable machine code, e.g. <c>schema.unknown_type</c>.</param>
/// <param name="Message">What is wrong, in a sentence.</param>
/// <param name="Target">The field or parameter at fault, if any.</param>
public sealed record ProblemError(string Code, string Message, string? Target);
