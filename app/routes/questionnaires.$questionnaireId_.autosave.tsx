import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requireVerifiedUser } from "~/auth/session.server";
import { saveSectionAnswers } from "~/questionnaires/questionnaires.server";
import { auditActor, invariantResponse } from "~/utils/http.server";

const ZAutosave = z.object({ section: z.string().min(1), answers: z.record(z.unknown()) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireVerifiedUser(request);
  throw json({ message: "Autosave accepts POST only" }, { status: 405 });
}

/** Saves the answers the browser sends as JSON; answers only 200 once they are committed. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.questionnaireId, "We could not find that questionnaire.");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ ok: false, errors: {}, message: "The request body must be JSON" }, { status: 400 });
  }
  const parsed = ZAutosave.safeParse(body);
  if (!parsed.success) return json({ ok: false, errors: {}, message: "Expected { section, answers }" }, { status: 400 });
  const result = await saveSectionAnswers(user, params.questionnaireId, parsed.data.section, parsed.data.answers, auditActor(user, request));
  if (!result.ok) return json({ ok: false, errors: result.errors }, { status: result.status });
  return json({ ok: true, saved: result.saved });
}
