import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "Something in the request was not right", body: "Check what you entered and try again." },
  403: { title: "You do not have access", body: "Your account does not have permission to open this page." },
  404: { title: "Page not found", body: "We could not find what you were looking for. It may have moved, or you may not have access to it." },
  405: { title: "Not allowed", body: "That action is not available here." },
  429: { title: "Too many requests", body: "Please wait a few minutes before trying again." },
};

/** Friendly error pages: the status and a plain message, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = MESSAGES[status];
  const serverMessage =
    isRouteErrorResponse(error) && error.data && typeof error.data === "object" && "message" in error.data ? String(error.data.message) : null;
  const title = known?.title ?? "Something went wrong";
  const body = serverMessage ?? known?.body ?? "An unexpected error happened on our side. It has been logged; please try again in a moment.";
  return (
    <section className="card error-page" aria-labelledby="error-title">
      <p className="error-status">Error {status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </section>
  );
}
