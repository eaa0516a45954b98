// Reads {secret, body, headers} as JSON on stdin and prints "verified" when the Standard Webhooks library accepts it.
const { Webhook } = require("standardwebhooks");
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { secret, body, headers } = JSON.parse(input);
  try {
    new Webhook(secret).verify(body, headers);
    process.stdout.write("verified");
  } catch (error) {
    process.stdout.write("refused: " + error.message);
  }
});
