// Reads a Data Package descriptor as JSON on stdin and prints "valid", or "invalid: " and the profile's errors.
const { Package } = require("datapackage");
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const descriptor = JSON.parse(input);
  const dataPackage = await Package.load(descriptor, { strict: false });
  process.stdout.write(dataPackage.valid ? "valid" : "invalid: " + dataPackage.errors.map((e) => e.message).join("; "));
});
