/**
 * Secure messages in Chromium: the client starts a conversation, the attorney sees the unread count, reads, replies
 * and adds an internal note; the client sees the reply and the read receipt but not the note. The same forms work
 * with JavaScript turned off.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expectUniqueIds, hasChromium, logInThroughForm, RESULTS_DIR, unexpectedErrors, useBrowser, visible } from "../support/browser";
import { createCase, createUser } from "../support/factories";

describe.skipIf(!hasChromium)("secure messages in the browser", () => {
  const { newPerson } = useBrowser();

  it("client writes, attorney reads and replies with an internal note beside it, client sees reply and receipt only", { timeout: 120_000 }, async () => {
    const tag = randomUUID().slice(0, 6);
    const [clientUser, attorneyUser] = await Promise.all([
      createUser({ role: "APPLICANT", name: `Maria Gonzalez ${tag}` }),
      createUser({ role: "ATTORNEY", name: `Sam Attorney${tag}` }),
    ]);
    const theCase = await createCase({ applicantId: clientUser.id, assignees: [attorneyUser], title: `Browser messages ${tag}` });

    // The client starts a conversation from the case page.
    const client = await newPerson();
    await logInThroughForm(client.page, clientUser.email);
    await client.page.goto(`/cases/${theCase.id}`);
    await client.page.getByRole("link", { name: "Secure messages" }).click();
    await client.page.waitForURL(`**/cases/${theCase.id}/messages`);
    await expectUniqueIds(client.page);
    await client.page.getByLabel("Subject").fill("Interview letter");
    await client.page.getByLabel("Message", { exact: true }).fill("I got the interview letter.\nSee https://www.uscis.gov/ for details.");
    await client.page.getByRole("button", { name: "Send message" }).click();
    await client.page.waitForURL(/\/messages\/[^/#]+#message-/);
    await visible(client.page.getByRole("heading", { name: "Interview letter", level: 1 }));
    await visible(client.page.getByRole("link", { name: "https://www.uscis.gov/" }));
    await visible(client.page.getByText("Not seen yet"));

    // The attorney sees the unread count in the navigation and the inbox, and opens the thread.
    const attorney = await newPerson();
    await logInThroughForm(attorney.page, attorneyUser.email);
    await visible(attorney.page.getByRole("link", { name: "Messages (1 unread)" }));
    await attorney.page.getByRole("link", { name: "Messages (1 unread)" }).click();
    await attorney.page.waitForURL("**/messages");
    await visible(attorney.page.getByRole("cell", { name: "1 unread" }));
    await attorney.page.getByRole("link", { name: "Interview letter" }).click();
    await visible(attorney.page.getByRole("heading", { name: "Interview letter", level: 1 }));
    await expectUniqueIds(attorney.page);
    await attorney.page.getByLabel("Your reply").fill("Thank you. Please bring your passport.");
    await attorney.page.getByRole("button", { name: "Send reply" }).click();
    await visible(attorney.page.getByText("Thank you. Please bring your passport."));
    // The sent text does not stay in the form to be sent twice.
    expect(await attorney.page.getByLabel("Your reply").inputValue()).toBe("");
    const secret = `Check the prior visa refusal ${tag}`;
    await attorney.page.getByLabel("Internal note", { exact: true }).fill(secret);
    await attorney.page.getByRole("button", { name: "Add internal note" }).click();
    await visible(attorney.page.getByText(secret));
    await visible(attorney.page.getByText("Internal note · staff only"));
    expect(await attorney.page.getByLabel("Internal note", { exact: true }).inputValue()).toBe("");
    // For a human to look at: the staff view with a reply, a receipt and an internal note.
    mkdirSync(RESULTS_DIR, { recursive: true });
    await attorney.page.screenshot({ path: path.join(RESULTS_DIR, "messages-thread-staff.png"), fullPage: true });

    // The client: the reply, the receipt on their message, no note.
    await client.page.goto(`/cases/${theCase.id}`);
    await visible(client.page.getByRole("link", { name: "Secure messages (1 unread)" }));
    await client.page.getByRole("link", { name: "Secure messages (1 unread)" }).click();
    await client.page.getByRole("link", { name: "Interview letter" }).click();
    await visible(client.page.getByText("Thank you. Please bring your passport."));
    await visible(client.page.getByText(new RegExp(`Seen by Sam A\\. at \\d\\d:\\d\\d UTC`)));
    // Opening the thread read it: the navigation says so on this very page.
    await visible(client.page.getByRole("link", { name: "Messages", exact: true }));
    expect(await client.page.getByText(secret).count()).toBe(0);
    expect(await client.page.getByText("Internal note").count()).toBe(0);
    expect(await client.page.content()).not.toContain(secret);
    await client.page.screenshot({ path: path.join(RESULTS_DIR, "messages-thread-client.png"), fullPage: true });

    expect(unexpectedErrors(client)).toEqual([]);
    expect(unexpectedErrors(attorney)).toEqual([]);
  });

  it("works with JavaScript turned off, including a validation error that keeps the text", { timeout: 90_000 }, async () => {
    const clientUser = await createUser({ role: "APPLICANT" });
    const theCase = await createCase({ applicantId: clientUser.id, title: `No-JS messages ${randomUUID().slice(0, 6)}` });
    const client = await newPerson({ javaScriptEnabled: false });
    await logInThroughForm(client.page, clientUser.email);
    await client.page.goto(`/cases/${theCase.id}/messages`);
    await client.page.getByLabel("Subject").fill("Typed without scripts");
    // Only spaces pass the browser's required check; the server answers with the error and keeps the subject.
    await client.page.getByLabel("Message", { exact: true }).fill("   ");
    await client.page.getByRole("button", { name: "Send message" }).click();
    await visible(client.page.getByText("Write your message"));
    expect(await client.page.getByLabel("Subject").inputValue()).toBe("Typed without scripts");
    await client.page.getByLabel("Message", { exact: true }).fill("Now with a message.");
    await client.page.getByRole("button", { name: "Send message" }).click();
    await client.page.waitForURL(/\/messages\/[^/#]+#message-/);
    await visible(client.page.getByText("Now with a message."));
    await client.page.getByLabel("Your reply").fill("And a reply.");
    await client.page.getByRole("button", { name: "Send reply" }).click();
    await visible(client.page.getByText("And a reply."));
    expect(unexpectedErrors(client, [400])).toEqual([]);
  });
});
