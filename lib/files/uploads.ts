import "server-only";
import { DomainError } from "@/lib/errors";

// A file a person uploads (a message's attachment, an advance directive's scan) is checked here by
// its bytes, and a stored one is served back here: one rule for both, whatever their policy.

/** The kinds of file Carebridge keeps, by the type their first bytes show. */
export type SniffedType = "application/pdf" | "image/jpeg" | "image/png";

/** The type a file's first bytes show (its magic number), whatever its name or the browser say. */
export function sniffType(bytes: Uint8Array): SniffedType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf"; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  return null;
}

const FALLBACK_NAME: Record<SniffedType, string> = {
  "application/pdf": "file.pdf",
  "image/jpeg": "photo.jpg",
  "image/png": "image.png",
};

/** A file name safe to keep and to send back in a header: no path, no control characters, 200 at most. */
function cleanName(name: string, type: SniffedType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\p{Cc}"]/gu, "")
    .trim()
    .slice(0, 200);
  return base || FALLBACK_NAME[type];
}

/** What a refused file is told, in the person's language. */
export interface UploadWords {
  wrongType: string;
  tooLarge: string;
  /** The form's summary over the field's reason. */
  refused: string;
}

/** What a form's file field may hold, and the field a refusal is tied to. */
export interface UploadRule<T extends SniffedType> {
  field: string;
  types: readonly T[];
  maxBytes: number;
  words: UploadWords;
}

/** A file checked and ready to store. */
export interface CheckedFile<T extends SniffedType = SniffedType> {
  fileName: string;
  contentType: T;
  content: Buffer;
}

/**
 * A form's file field checked: nothing picked is no file; anything else must be one of the rule's
 * types by its bytes and no larger than its limit, or the whole change is refused (nothing stored)
 * with the reason on the field.
 */
export async function checkUpload<T extends SniffedType>(
  value: unknown,
  rule: UploadRule<T>,
): Promise<CheckedFile<T> | null> {
  if (!(value instanceof Blob) || value.size === 0) return null;
  const refuse = (reason: string) => new DomainError(rule.words.refused, { [rule.field]: [reason] });
  if (value.size > rule.maxBytes) throw refuse(rule.words.tooLarge);
  const content = Buffer.from(await value.arrayBuffer());
  const sniffed = sniffType(content);
  const contentType = rule.types.find((t) => t === sniffed);
  if (!contentType) throw refuse(rule.words.wrongType);
  const name = value instanceof File ? value.name : "";
  return { fileName: cleanName(name, contentType), contentType, content };
}

/** A stored file as a download: saved, never kept by a cache, never sniffed by the browser. */
export function fileDownloadResponse(file: {
  fileName: string;
  contentType: string;
  content: Buffer;
}): Response {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_");
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.content.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
