// Swagger UI as a person uses it, in headless Chromium: mint a token with POST /dev/tokens, Authorize with it,
// execute GET /me and POST /stores, and check what the page renders. Screenshots go to the output folder.
//   node swagger-ui.mjs <service base URL> <output folder>
// Exits non-zero (with the reason) when anything is missing; writes result.json with what was rendered.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [base, out] = [process.argv[2]?.replace(/\/+$/, ""), process.argv[3]];
if (!base || !out) {
  console.error("usage: node swagger-ui.mjs <base URL> <output folder>");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// A fresh profile each run; without the networking flags Chromium stalls on a closed network.
const profile = mkdtempSync(join(tmpdir(), "md-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
  viewport: { width: 1400, height: 1000 },
});
context.setDefaultTimeout(30_000);
const page = context.pages()[0] ?? (await context.newPage());
const result = { steps: [] };

/** Expands an operation, presses "Try it out", optionally fills the body, executes; returns the rendered answer. */
async function execute(operationDomId, body) {
  const op = page.locator(`#${operationDomId}`);
  await op.locator(".opblock-summary").first().click();
  await op.locator("button.try-out__btn").click();
  if (body !== undefined) {
    await op.locator("textarea.body-param__text").fill(JSON.stringify(body, null, 2));
  }
  await op.locator("button.execute").click();
  const row = op.locator(".live-responses-table tbody tr.response").first();
  await row.waitFor();
  const status = (await row.locator(".response-col_status").innerText()).trim();
  const text = await row.locator(".response-col_description pre").first().innerText();
  return { status, text };
}

/** A screenshot of one operation block (request and rendered response), or of the whole page. */
async function shot(name, operationDomId) {
  const file = join(out, `${name}.png`);
  if (operationDomId) await page.locator(`#${operationDomId}`).screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
  return file;
}

try {
  await page.goto(`${base}/q/swagger-ui/`);
  await page.locator(".information-container .title").waitFor();
  const title = (await page.locator(".information-container .title").innerText()).trim();
  assert.match(title, /merchantdesk API/);
  result.title = title;

  // 1. A token from /dev/tokens, minted through Swagger UI itself.
  const subject = `browser-${Date.now()}`;
  const minted = await execute("operations-Identity-createDevToken",
    { subject, email: `${subject}@example.com`, name: "Browser Tester", roles: [] });
  assert.equal(minted.status, "200", `POST /dev/tokens rendered ${minted.status}: ${minted.text}`);
  const token = JSON.parse(minted.text).token;
  assert.ok(token && token.split(".").length === 3, "a JWT was rendered");
  result.steps.push({ operation: "POST /dev/tokens", status: minted.status });

  // 2. Authorize with it.
  await page.locator(".scheme-container button.authorize").click();
  const dialog = page.locator(".modal-ux");
  await dialog.locator("input").first().fill(token);
  await dialog.locator(".auth-btn-wrapper button.authorize").click();
  await dialog.locator("button.btn-done").click();
  await page.locator(".scheme-container button.authorize.locked").waitFor();
  result.authorized = true;

  // 3. GET /me renders the caller.
  const me = await execute("operations-Identity-getMe");
  assert.equal(me.status, "200", `GET /me rendered ${me.status}: ${me.text}`);
  const user = JSON.parse(me.text);
  assert.equal(user.subject, subject);
  assert.equal(user.email, `${subject}@example.com`);
  result.steps.push({ operation: "GET /me", status: me.status, subject: user.subject, userId: user.id });
  result.meScreenshot = await shot("get-me", "operations-Identity-getMe");

  // 4. A write: POST /stores renders the created store, owned by the caller.
  const name = `Browser Store ${Date.now()}`;
  const created = await execute("operations-Stores-createStore", { name, billingCurrency: "EUR", plan: "BASIC" });
  assert.equal(created.status, "201", `POST /stores rendered ${created.status}: ${created.text}`);
  const store = JSON.parse(created.text);
  assert.equal(store.name, name);
  assert.equal(store.ownerId, user.id);
  assert.equal(store.billingCurrency, "EUR");
  result.steps.push({ operation: "POST /stores", status: created.status, name: store.name, ownerId: store.ownerId });
  result.storeScreenshot = await shot("post-stores", "operations-Stores-createStore");
  result.ok = true;
} catch (e) {
  result.ok = false;
  result.error = String(e?.stack ?? e);
  await shot("failure").catch(() => {});
  console.error(result.error);
} finally {
  writeFileSync(join(out, "result.json"), JSON.stringify(result, null, 2));
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
