import { z } from "zod";
import { ROLES } from "@/db/schema/users";
import { NewPasswordSchema } from "@/lib/auth/password";
import { blankToUndefined, IdSchema, searchText, versionField } from "@/lib/validation";

export const USER_PAGE_SIZE = 25;

const mrn = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{4,20}$/, { error: "Enter the patient's MRN, e.g. CB-100001." });

export const CreateUserSchema = z
  .object({
    name: z.string().trim().min(2, { error: "Enter the person's full name." }).max(120),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .pipe(z.email({ error: "Enter an email address like name@example.org." })),
    role: z.enum(ROLES, { error: "Choose a role." }),
    password: NewPasswordSchema,
    patientMrn: z.string().trim().optional(),
    relationship: z.string().trim().max(60).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === "patient" || v.role === "family") {
      const parsed = mrn.safeParse(v.patientMrn ?? "");
      if (!parsed.success) {
        ctx.addIssue({
          code: "custom",
          path: ["patientMrn"],
          message: "Enter the patient's MRN, e.g. CB-100001.",
        });
      }
    }
    if (v.role === "family" && !v.relationship) {
      ctx.addIssue({
        code: "custom",
        path: ["relationship"],
        message: "Say how they are related, e.g. daughter.",
      });
    }
  });
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UserIdSchema = IdSchema;

export const UpdateRoleSchema = z.object({
  role: z.enum(["admin", "coordinator", "advocate"], { error: "Choose a staff role." }),
  version: versionField,
});

export const SetActiveSchema = z.object({
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
  version: versionField,
});

export const ResetPasswordSchema = z.object({ password: NewPasswordSchema });

export const AssignCaseloadSchema = z.object({
  patientMrn: mrn,
  // A box left unticked can arrive blank as well as absent.
  primary: z.preprocess(blankToUndefined, z.enum(["on"]).optional()).transform((v) => v === "on"),
});

export const UserListQuerySchema = z.object({
  q: searchText(),
  role: z.enum(ROLES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).default(1).catch(1),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;
