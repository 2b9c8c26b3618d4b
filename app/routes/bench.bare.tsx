import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { invariantResponse } from "~/utils/http.server";

/**
 * The ceiling for `npm run bench:boards`: the same Express + Remix stack and root layout (whose loader reads the
 * session) as every page, with no work of its own. Absent unless the benchmark starts the server with it.
 */
export const meta: MetaFunction = () => [{ title: "Benchmark · Passage" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Public like the board pages it is the ceiling for: the same session read, nothing else.
  await getSessionUser(request);
  invariantResponse(process.env.BENCH_BARE_ROUTE === "true", "Not found");
  return json({ message: "Bare route" });
}

export default function BenchBare() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <section className="card">
      <h1>{message}</h1>
    </section>
  );
}
