namespace Concordat.Server.Portal.Impact;

/// <summary>How many requests were refused for one reason.</summary>
/// <param name="Code">The stable reason code.</param>
/// <param name="Text">The reason in words.</param>
/// <param name="Count">How many.</param>
public sealed record RefusalCount(string Code, string Text, long Count);
