import { parseCaseStatusResponse, parseRetryAfter, UscisCaseStatusApi, type UscisCaseStatusApiOptions } from "~/status/uscis-api.server";
import type { ProviderResult } from "~/status/types";
import { DEFAULT_SCRIPT, RESERVED_RECEIPTS, startFakeUscis, type FakeUscis, type FakeUscisOptions } from "../../server/fake-uscis";
import { freePort } from "../support/free-port";

const I485 = "MSC2590000001";
const IOE_I765 = "IOE0925000002";
const DENIED = "EAC2590000005";

/** A clock both the fake and the client read, moved by hand so token expiry needs no waiting. */
let clockMs = Date.UTC(2026, 0, 5, 12, 0, 0);
const clock = () => clockMs;

const fakes: FakeUscis[] = [];
async function fake(options: FakeUscisOptions = {}) {
  const started = await startFakeUscis({ now: clock, ...options });
  fakes.push(started);
  return started;
}

function client(server: FakeUscis, options: Partial<UscisCaseStatusApiOptions> = {}) {
  return new UscisCaseStatusApi({ baseUrl: server.url, clientId: server.clientId, clientSecret: server.clientSecret, now: clock, ...options });
}

function failed(result: ProviderResult) {
  if (result.ok) throw new Error(`expected a failure, got ${result.snapshot.titleEn}`);
  return result;
}

function succeeded(result: ProviderResult) {
  if (!result.ok) throw new Error(`expected a snapshot, got ${result.error}: ${result.message}`);
  return result.snapshot;
}

async function token(server: FakeUscis) {
  const response = await fetch(`${server.url}/oauth/accesstoken`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: server.clientId, client_secret: server.clientSecret }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

const consoleSpies: ReturnType<typeof vi.spyOn>[] = [];
beforeEach(() => {
  clockMs = Date.UTC(2026, 0, 5, 12, 0, 0);
  for (const method of ["log", "info", "warn", "error", "debug"] as const) consoleSpies.push(vi.spyOn(console, method));
});
afterEach(async () => {
  // Receipt numbers and USCIS answers are personal data: the client must not print anything.
  for (const spy of consoleSpies.splice(0)) {
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  }
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

describe("reading a case", () => {
  it("reads a new case: English and Spanish, dates as ISO UTC, null history kept as null", async () => {
    const server = await fake();
    const snapshot = succeeded(await client(server).fetchStatus(I485));
    expect(snapshot).toMatchObject({
      receiptNumber: I485,
      formType: "I-485",
      submittedAt: "2025-02-03T08:00:00.000Z",
      modifiedAt: "2025-02-03T08:00:00.000Z",
      titleEn: "Case Was Received",
      titleEs: "Caso Fue Recibido",
      history: null,
    });
    expect(snapshot.descriptionEn).toMatch(/^On February 3, 2025, we received your Form I-485, Application to Register Permanent Residence/);
    expect(snapshot.descriptionEs).toMatch(/^El 3 de febrero de 2025, recibimos su Formulario I-485, Solicitud de Registro de Residencia Permanente/);
    expect(server.caseStatus(I485).case_status.submittedDate).toBe("02-03-2025 08:00:00");
  });

  it("reads the history once the case has moved on, oldest entry first", async () => {
    const server = await fake();
    const api = client(server);
    const control = await fetch(`${server.url}/_fake/cases/${I485}/advance`, { method: "POST" });
    expect(((await control.json()) as { advanced: boolean }).advanced).toBe(true);
    expect(server.advance(I485)).toBe(true);

    const snapshot = succeeded(await api.fetchStatus(I485));
    expect(snapshot.titleEn).toBe("Request for Additional Evidence Was Sent");
    expect(snapshot.titleEs).toBe("Se Envió una Solicitud de Evidencia Adicional");
    expect(snapshot.modifiedAt).toBe("2025-05-10T10:48:24.000Z");
    expect(snapshot.history).toEqual([
      { date: "2025-02-03", textEn: "Case Was Received", textEs: "Caso Fue Recibido" },
      { date: "2025-02-27", textEn: "Biometrics Appointment Was Scheduled", textEs: "Cita de Datos Biométricos Fue Programada" },
    ]);
  });

  it("follows a scripted case to its end: approval, card production, mailing and delivery", async () => {
    const server = await fake();
    const api = client(server);
    const titles = [succeeded(await api.fetchStatus(I485)).titleEn];
    while (server.advance(I485)) titles.push(succeeded(await api.fetchStatus(I485)).titleEn);
    expect(titles).toEqual([
      "Case Was Received",
      "Biometrics Appointment Was Scheduled",
      "Request for Additional Evidence Was Sent",
      "Response To USCIS' Request For Evidence Was Received",
      "Interview Was Scheduled",
      "Case Was Approved",
      "New Card Is Being Produced",
      "Card Was Mailed To Me",
      "Card Was Delivered To Me By The Post Office",
    ]);
    const delivered = succeeded(await api.fetchStatus(I485));
    expect(delivered.descriptionEn).toContain("the Post Office delivered your new card for Receipt Number MSC2590000001");
    expect(delivered.history).toHaveLength(8);
    expect(server.advance(DENIED) && server.advance(DENIED) && server.advance(DENIED)).toBe(true);
    expect(succeeded(await api.fetchStatus(DENIED))).toMatchObject({ titleEn: "Case Was Denied", titleEs: "Caso Fue Denegado" });
  });

  it("has no dates for IOE receipts, as USCIS sends none", async () => {
    const server = await fake();
    const snapshot = succeeded(await client(server).fetchStatus(IOE_I765));
    expect(server.caseStatus(IOE_I765).case_status).not.toHaveProperty("modifiedDate");
    expect(snapshot).toMatchObject({ formType: "I-765", submittedAt: null, modifiedAt: null, titleEn: "Case Was Received" });
  });

  it("answers any other well-formed receipt with the same Case Was Received", async () => {
    const server = await fake();
    const api = client(server);
    const first = succeeded(await api.fetchStatus("lin2612345678"));
    const again = succeeded(await api.fetchStatus("LIN2612345678"));
    expect(first).toEqual(again);
    expect(first.receiptNumber).toBe("LIN2612345678");
    expect(first.titleEn).toBe("Case Was Received");
    expect(first.history).toBeNull();
    const other = await fake();
    expect(succeeded(await client(other).fetchStatus("LIN2612345678"))).toEqual(first);
  });

  it("advances scripted cases every N answered requests when asked to", async () => {
    const server = await fake({ advanceEveryRequests: 2 });
    const api = client(server);
    const titles = [];
    for (let i = 0; i < 5; i++) titles.push(succeeded(await api.fetchStatus(DENIED)).titleEn);
    expect(titles).toEqual(["Case Was Received", "Case Was Received", "Biometrics Appointment Was Scheduled", "Biometrics Appointment Was Scheduled", "Interview Was Scheduled"]);
  });

  it("advances scripted cases as time passes when asked to", async () => {
    const server = await fake({ advanceEverySeconds: 60 });
    const api = client(server);
    expect(succeeded(await api.fetchStatus(DENIED)).titleEn).toBe("Case Was Received");
    clockMs += 59_000;
    expect(succeeded(await api.fetchStatus(DENIED)).titleEn).toBe("Case Was Received");
    clockMs += 2 * 60_000;
    expect(succeeded(await api.fetchStatus(DENIED)).titleEn).toBe("Interview Was Scheduled");
    clockMs += 60 * 60_000;
    expect(succeeded(await api.fetchStatus(DENIED)).titleEn).toBe("Case Was Denied");
  });

  it("sets statuses through the control API, one receipt or many", async () => {
    const server = await fake();
    const api = client(server);
    const put = await fetch(`${server.url}/_fake/cases/${I485}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ titleEn: "Case Was Reopened", descEn: "On {date}, we reopened {receipt}.", titleEs: "Caso Fue Reabierto", formType: "I-485", date: "2026-01-02T15:30:00Z" }),
    });
    expect(put.status).toBe(200);
    expect(succeeded(await api.fetchStatus(I485))).toMatchObject({
      titleEn: "Case Was Reopened",
      descriptionEn: "On January 2, 2026, we reopened MSC2590000001.",
      titleEs: "Caso Fue Reabierto",
      descriptionEs: null,
      modifiedAt: "2026-01-02T15:30:00.000Z",
      history: [{ date: "2025-02-03", textEn: "Case Was Received", textEs: "Caso Fue Recibido" }],
    });
    expect(server.advance(I485)).toBe(false);

    const receipts = ["SRC2600000001", "SRC2600000002", "SRC2600000003"];
    const bulk = await fetch(`${server.url}/_fake/bulk`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ receipts, status: { titleEn: "Case Was Approved", titleEs: "Caso Fue Aprobado" } }),
    });
    expect(await bulk.json()).toEqual({ updated: 3 });
    for (const receipt of receipts) expect(succeeded(await api.fetchStatus(receipt)).titleEn).toBe("Case Was Approved");
  });
});

describe("the fake's control API", () => {
  it("fails the next requests, logs requests per receipt, expires tokens and resets over HTTP", async () => {
    const server = await fake();
    const api = client(server);
    const post = (path: string, body?: unknown) =>
      fetch(`${server.url}/_fake/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

    expect((await post("fail-next", { count: 1, status: 429, retryAfter: 4 })).status).toBe(200);
    expect(failed(await api.fetchStatus(I485))).toMatchObject({ error: "rate-limited", retryAfterSeconds: 4 });
    succeeded(await api.fetchStatus(I485));
    clockMs += 2_000;
    succeeded(await api.fetchStatus(DENIED));

    const stats = await (await fetch(`${server.url}/_fake/requests`)).json();
    expect(stats).toMatchObject({
      tokenRequests: 1,
      caseStatusRequests: 3,
      tokensIssued: 1,
      byStatus: { 200: 2, 429: 1 },
      receipts: { [I485]: { count: 2, first: Date.UTC(2026, 0, 5, 12, 0, 0) }, [DENIED]: { count: 1, last: Date.UTC(2026, 0, 5, 12, 0, 2) } },
      maxPerSecond: 2,
    });
    const log = (await (await fetch(`${server.url}/_fake/requests?receipt=${DENIED}`)).json()) as { requests: { status: number; at: number }[] };
    expect(log.requests).toEqual([expect.objectContaining({ kind: "case-status", status: 200, at: Date.UTC(2026, 0, 5, 12, 0, 2) })]);

    expect((await post("expire-tokens")).status).toBe(200);
    succeeded(await api.fetchStatus(I485));
    expect(server.tokensIssued).toBe(2);

    server.advance(I485);
    expect((await post("reset")).status).toBe(200);
    expect(server.requests).toHaveLength(0);
    expect(server.tokensIssued).toBe(0);
    expect(succeeded(await api.fetchStatus(I485)).titleEn).toBe("Case Was Received");
  });

  it("answers wrong credentials with Apigee's OAuth error and refuses other grant types", async () => {
    const server = await fake();
    const ask = (form: Record<string, string>) =>
      fetch(`${server.url}/oauth/accesstoken`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
    const wrong = await ask({ grant_type: "client_credentials", client_id: server.clientId, client_secret: "nope" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ ErrorCode: "invalid_client", Error: "ClientId is Invalid" });
    expect((await ask({ grant_type: "password", client_id: server.clientId, client_secret: server.clientSecret })).status).toBe(400);
    const granted = await ask({ grant_type: "client_credentials", client_id: server.clientId, client_secret: server.clientSecret });
    expect(await granted.json()).toMatchObject({ access_token: expect.any(String), expires_in: "1799", status: "approved" });
    expect((await fetch(`${server.url}/case-status/${I485}`)).status).toBe(401);
  });
});

describe("tokens", () => {
  it("reuses one token across calls and shares one token request between concurrent calls", async () => {
    const server = await fake();
    const api = client(server);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => api.fetchStatus(`WAC26000000${String(i).padStart(2, "0")}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    succeeded(await api.fetchStatus(I485));
    expect(server.tokensIssued).toBe(1);
    expect(server.requests.filter((r) => r.kind === "token")).toHaveLength(1);
  });

  it("sends the credentials form-encoded, as USCIS's token endpoint expects", async () => {
    const server = await fake();
    const bodies: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      if (String(input).endsWith("/oauth/accesstoken")) bodies.push(String(init?.body));
      return fetch(input, init);
    };
    succeeded(await client(server, { fetch: recording }).fetchStatus(I485));
    expect(Object.fromEntries(new URLSearchParams(bodies[0]))).toEqual({ grant_type: "client_credentials", client_id: server.clientId, client_secret: server.clientSecret });
  });

  it("answers unauthorized when the credentials are wrong, without asking for the case", async () => {
    const server = await fake();
    const result = failed(await client(server, { clientSecret: "wrong" }).fetchStatus(I485));
    expect(result).toMatchObject({ error: "unauthorized", httpStatus: 401 });
    expect(server.tokensIssued).toBe(0);
    expect(server.requests.filter((r) => r.kind === "case-status")).toHaveLength(0);
  });

  it("gets a new token and tries again once when USCIS refuses a token before its announced expiry", async () => {
    const server = await fake();
    const api = client(server);
    succeeded(await api.fetchStatus(I485));
    server.expireTokens();
    expect(succeeded(await api.fetchStatus(I485)).titleEn).toBe("Case Was Received");
    expect(server.tokensIssued).toBe(2);
    expect(server.requestsFor(I485).map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it("renews a token shortly before it expires, without a 401", async () => {
    const server = await fake({ tokenLifetimeSeconds: 10 });
    const api = client(server);
    succeeded(await api.fetchStatus(I485));
    clockMs += 5_000;
    succeeded(await api.fetchStatus(I485));
    expect(server.tokensIssued).toBe(1);
    clockMs += 3_500;
    succeeded(await api.fetchStatus(I485));
    expect(server.tokensIssued).toBe(2);
    expect(server.requestsFor(I485).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("recovers from a token that expired on the server while the client still held it", async () => {
    const server = await fake({ tokenLifetimeSeconds: 10 });
    // The client's clock stands still (a suspended laptop, a skewed clock), so it still trusts the token.
    const frozen = clockMs;
    const stale = client(server, { now: () => frozen });
    succeeded(await stale.fetchStatus(I485));
    clockMs += 11_000;
    succeeded(await stale.fetchStatus(I485));
    expect(server.tokensIssued).toBe(2);
    expect(server.requestsFor(I485).map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it("answers unauthorized when a fresh token is refused too, after exactly one retry", async () => {
    const server = await fake();
    const result = failed(await client(server).fetchStatus(RESERVED_RECEIPTS.unauthorized));
    expect(result).toMatchObject({ error: "unauthorized", httpStatus: 401 });
    expect(server.tokensIssued).toBe(2);
    expect(server.requestsFor(RESERVED_RECEIPTS.unauthorized)).toHaveLength(2);
  });

  it("maps a failing token endpoint like the case-status endpoint", async () => {
    const server = await fake();
    server.failNext({ count: 1, status: 503, retryAfter: 9, target: "token" });
    expect(failed(await client(server).fetchStatus(I485))).toMatchObject({ error: "unavailable", httpStatus: 503, retryAfterSeconds: 9 });
  });
});

describe("errors", () => {
  it("answers not-found for a receipt USCIS does not know", async () => {
    const server = await fake();
    expect(failed(await client(server).fetchStatus(RESERVED_RECEIPTS.notFound))).toMatchObject({ error: "not-found", httpStatus: 404 });
  });

  it("answers invalid-receipt for 422 and 400", async () => {
    const server = await fake();
    const api = client(server);
    expect(failed(await api.fetchStatus(RESERVED_RECEIPTS.invalid))).toMatchObject({ error: "invalid-receipt", httpStatus: 422 });
    server.failNext({ count: 1, status: 400 });
    expect(failed(await api.fetchStatus(I485))).toMatchObject({ error: "invalid-receipt", httpStatus: 400 });
  });

  it("refuses a malformed receipt without spending a request; the fake answers it 422 as USCIS does", async () => {
    const server = await fake();
    const result = failed(await client(server).fetchStatus("ABC123"));
    expect(result.error).toBe("invalid-receipt");
    expect(result.httpStatus).toBeUndefined();
    expect(server.requests).toHaveLength(0);

    const direct = await fetch(`${server.url}/case-status/ABC123`, { headers: { authorization: `Bearer ${await token(server)}` } });
    expect(direct.status).toBe(422);
    expect(await direct.json()).toMatchObject({ code: 422, message: expect.stringContaining("not formatted correctly") });
  });

  it("answers rate-limited with Retry-After in seconds", async () => {
    const server = await fake();
    expect(failed(await client(server).fetchStatus(RESERVED_RECEIPTS.rateLimited))).toMatchObject({ error: "rate-limited", httpStatus: 429, retryAfterSeconds: 30 });
  });

  it("answers rate-limited when the fake's per-second quota is spent", async () => {
    const server = await fake({ limits: { perSecond: 2 } });
    const api = client(server);
    succeeded(await api.fetchStatus(I485));
    succeeded(await api.fetchStatus(I485));
    expect(failed(await api.fetchStatus(I485))).toMatchObject({ error: "rate-limited", retryAfterSeconds: 1 });
    clockMs += 1_000;
    succeeded(await api.fetchStatus(I485));
    expect(server.stats()).toMatchObject({ caseStatusRequests: 4, byStatus: { 200: 3, 429: 1 }, receipts: { [I485]: { count: 4 } } });
  });

  it("answers unavailable for 503 with Retry-After as an HTTP date, and for 500", async () => {
    const server = await fake();
    const api = client(server);
    expect(failed(await api.fetchStatus(RESERVED_RECEIPTS.unavailable))).toMatchObject({ error: "unavailable", httpStatus: 503, retryAfterSeconds: 120 });
    const serverError = failed(await api.fetchStatus(RESERVED_RECEIPTS.serverError));
    expect(serverError).toMatchObject({ error: "unavailable", httpStatus: 500 });
    expect(serverError.retryAfterSeconds).toBeUndefined();
    server.failNext({ count: 2, status: 503, retryAfter: 7 });
    expect(failed(await api.fetchStatus(I485))).toMatchObject({ error: "unavailable", retryAfterSeconds: 7 });
    expect(failed(await api.fetchStatus(I485))).toMatchObject({ error: "unavailable", retryAfterSeconds: 7 });
    succeeded(await api.fetchStatus(I485));
  });

  it("answers network when nothing listens, and when the server went away after the token", async () => {
    const nobody = new UscisCaseStatusApi({ baseUrl: `http://127.0.0.1:${await freePort()}`, clientId: "a", clientSecret: "b" });
    expect(failed(await nobody.fetchStatus(I485))).toMatchObject({ error: "network", message: expect.stringContaining("ECONNREFUSED") });

    const server = await fake();
    const api = client(server);
    succeeded(await api.fetchStatus(I485));
    await server.close();
    expect(failed(await api.fetchStatus(I485)).error).toBe("network");
  });

  it("answers network when USCIS is slower than the timeout", async () => {
    const server = await fake({ slowMs: 10_000 });
    const started = performance.now();
    const result = failed(await client(server, { timeoutMs: 200 }).fetchStatus(RESERVED_RECEIPTS.slow));
    expect(result).toMatchObject({ error: "network", message: "USCIS did not answer within 200 ms" });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("answers network when the caller aborts", async () => {
    const server = await fake();
    server.failNext({ count: 1, status: 200, delayMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(failed(await client(server).fetchStatus(I485, { signal: controller.signal }))).toMatchObject({ error: "network", message: expect.stringContaining("aborted") });
  });

  it("answers network for a 200 that is not JSON or not a case status", async () => {
    const server = await fake();
    const replacing =
      (body: string): typeof fetch =>
      async (input, init) =>
        String(input).includes("/case-status/") ? new Response(body, { status: 200 }) : fetch(input, init);
    expect(failed(await client(server, { fetch: replacing("<html>maintenance</html>") }).fetchStatus(I485))).toMatchObject({ error: "network", httpStatus: 200 });
    const wrongShape = failed(await client(server, { fetch: replacing('{"case_status":{"receiptNumber":"MSC2590000001"}}') }).fetchStatus(I485));
    expect(wrongShape).toMatchObject({ error: "network", message: expect.stringContaining("current_case_status_text_en") });
  });

  it("never repeats the receipt number in a failure", async () => {
    const server = await fake();
    const api = client(server);
    for (const receipt of Object.values(RESERVED_RECEIPTS).filter((r) => r !== RESERVED_RECEIPTS.slow)) {
      const result = failed(await api.fetchStatus(receipt));
      expect(JSON.stringify(result)).not.toContain(receipt);
      expect(JSON.stringify(result)).not.toContain(receipt.slice(3));
    }
  });
});

describe("parseCaseStatusResponse", () => {
  const documented = {
    case_status: {
      receiptNumber: "EAC9999103403",
      formType: "I-130",
      submittedDate: "09-05-2023 14:19:45",
      modifiedDate: "09-05-2023 14:28:46",
      current_case_status_text_en: "Case Was Approved",
      current_case_status_desc_en: "<p>On September 5, 2023, we approved your Form I-130, Petition for Alien Relative, Receipt Number EAC9999103403.&nbsp;We sent you an approval notice.</p>",
      current_case_status_text_es: "Caso Fue Aprobado",
      current_case_status_desc_es: "El 5 de septiembre de 2023, aprobamos su Formulario I-130, Petici&oacute;n de Familiar Extranjero.",
      hist_case_status: [{ date: "2023-09-05", completed_text_en: "Case Was Received", completed_text_es: "Caso Fue Recibido" }],
    },
    message: "Query was successful",
  };

  it("reads the documented shape: month-first dates as UTC, HTML descriptions as plain text", () => {
    expect(parseCaseStatusResponse(documented)).toEqual({
      receiptNumber: "EAC9999103403",
      formType: "I-130",
      submittedAt: "2023-09-05T14:19:45.000Z",
      modifiedAt: "2023-09-05T14:28:46.000Z",
      titleEn: "Case Was Approved",
      descriptionEn: "On September 5, 2023, we approved your Form I-130, Petition for Alien Relative, Receipt Number EAC9999103403. We sent you an approval notice.",
      titleEs: "Caso Fue Aprobado",
      descriptionEs: "El 5 de septiembre de 2023, aprobamos su Formulario I-130, Petición de Familiar Extranjero.",
      history: [{ date: "2023-09-05", textEn: "Case Was Received", textEs: "Caso Fue Recibido" }],
    });
  });

  it("keeps null history as null, an empty list as empty, and reads a missing one as null", () => {
    const withHistory = (hist: unknown) => ({ ...documented, case_status: { ...documented.case_status, hist_case_status: hist } });
    expect(parseCaseStatusResponse(withHistory(null)).history).toBeNull();
    expect(parseCaseStatusResponse(withHistory([])).history).toEqual([]);
    const { hist_case_status: _, ...withoutHistory } = documented.case_status;
    expect(parseCaseStatusResponse({ case_status: withoutHistory }).history).toBeNull();
  });

  it("reads absent or empty dates as null", () => {
    const { submittedDate: _s, modifiedDate: _m, ...ioe } = documented.case_status;
    expect(parseCaseStatusResponse({ case_status: ioe })).toMatchObject({ submittedAt: null, modifiedAt: null });
    expect(parseCaseStatusResponse({ case_status: { ...ioe, submittedDate: "", modifiedDate: null } })).toMatchObject({ submittedAt: null, modifiedAt: null });
  });

  it("throws naming the field, not its value, for dates it cannot read", () => {
    for (const date of ["2023/09/05", "02-30-2023 10:00:00", "13-01-2023 10:00:00", "yesterday"]) {
      const body = { ...documented, case_status: { ...documented.case_status, modifiedDate: date } };
      expect(() => parseCaseStatusResponse(body)).toThrow(/case_status\.modifiedDate: not a date/);
      try {
        parseCaseStatusResponse(body);
      } catch (error) {
        expect((error as Error).message).not.toContain(date);
      }
    }
  });

  it("throws for bodies that are not a case status", () => {
    expect(() => parseCaseStatusResponse({ code: 404, message: "not found" })).toThrow(/Unexpected USCIS case status response: case_status: Required/);
    expect(() => parseCaseStatusResponse({ case_status: { ...documented.case_status, current_case_status_text_en: " " } })).toThrow(/current_case_status_text_en/);
    expect(() => parseCaseStatusResponse(null)).toThrow(/Unexpected USCIS case status response/);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and ignores anything else", () => {
    const now = Date.UTC(2026, 0, 5, 12, 0, 0);
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90);
    expect(parseRetryAfter(new Date(now - 90_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("the default script", () => {
  it("has a denied, a rejected and a transferred case", () => {
    const finals = DEFAULT_SCRIPT.cases.flatMap((c) => c.stages.map((s) => ("stage" in s ? s.stage : s.titleEn)));
    expect(finals).toEqual(expect.arrayContaining(["denied", "rejected", "transferred", "card-delivered"]));
  });
});
