import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

/** Awaits a domain read; "not there" and "not yours" both become the 404 page. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
