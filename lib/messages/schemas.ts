import { z } from "zod";
import { IdSchema } from "@/lib/validation";

const body = z
  .string()
  .trim()
  .min(1, { error: "Write your message." })
  .max(5000, { error: "Keep a message under 5,000 characters." });
const shared = z
  .enum(["on"])
  .optional()
  .transform((v) => v === "on");

export const NewThreadSchema = z.object({
  subject: z.string().trim().min(3, { error: "Give the thread a subject." }).max(120),
  body,
  shared,
});
export const ReplySchema = z.object({ body, shared });
export const ThreadIdSchema = IdSchema;
