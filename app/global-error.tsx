"use client";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body>
        <main id="main">
          <h1>Something went wrong</h1>
          <p>
            Carebridge could not show this page. Reload to try again
            {error.digest ? `; if it keeps happening, quote reference ${error.digest}` : ""}.
          </p>
        </main>
      </body>
    </html>
  );
}
