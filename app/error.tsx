"use client";

import { Button } from "@/components/ui/button";

// Unexpected errors show a reference, never the error's text (which may hold data).
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="mx-auto mt-16 max-w-xl rounded-lg bg-white p-8 shadow">
      <h1 className="mb-4">Something went wrong</h1>
      <p className="mb-4">
        Nothing you saved before this page is lost. Try again; if it keeps happening, tell your administrator
        {error.digest ? (
          <>
            {" "}
            and quote reference <code>{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <Button type="button" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
