namespace Concordat.Fuzz;

/// <summary>
/// One entry point of untrusted input. <see cref="Run"/> takes the fuzzer's bytes, must return (an answer or the
/// parser's documented refusal) and throws anything else, which the fuzzer records as a crash.
/// </summary>
/// <param name="Name">The name scripts/fuzz.sh and the corpus folder use.</param>
/// <param name="Run">Feeds one input.</param>
/// <param name="Start">Work done once before the first input (starting a hub), outside the fuzzer's time per input.</param>
public sealed record FuzzTarget(string Name, Action<byte[]> Run, Action? Start = null);
