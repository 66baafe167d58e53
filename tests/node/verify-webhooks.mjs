// Verifies callbacks with the Standard Webhooks reference library for Node (npm standardwebhooks), independent of the
// C# code under test. Input: a JSON file { "secret": "whsec_...", "deliveries": [{ "headers": {...}, "body": "<base64>" }] }.
// Output: one line of JSON, an array with { "ok": true } or { "ok": false, "error": "..." } per delivery. Exit 0 when
// the file could be read, whatever the verdicts (the C# test asserts them).
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const webhook = new Webhook(input.secret);
const verdicts = input.deliveries.map(({ headers, body }) => {
  try {
    webhook.verify(Buffer.from(body, "base64"), headers);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: String(e.message ?? e) };
  }
});
console.log(JSON.stringify(verdicts));
