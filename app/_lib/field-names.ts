import type { z } from "zod";

/** The parts of Zod's own description of a schema that name or wrap the fields of a form. */
interface Def {
  type: string;
  shape?: Record<string, unknown>;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: readonly z.ZodType[];
  innerType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}

/**
 * The names of the fields a form schema reads, so an action takes them from the schema rather than
 * from a list typed again: an object's keys, through the wrappers that keep it an object (a
 * refinement, a transform or preprocess around it, optional/default/catch), and every field of
 * any option of a union or discriminated union, in the order first met.
 */
export function fieldNames(schema: z.ZodType): string[] {
  const names = new Set<string>();
  collect(schema, names);
  return [...names];
}

function collect(schema: z.ZodType | undefined, names: Set<string>): void {
  if (!schema) return;
  const def = schema._zod.def as unknown as Def;
  switch (def.type) {
    case "object":
      for (const key of Object.keys(def.shape ?? {})) names.add(key);
      return;
    case "pipe":
      // `.transform()` puts the object first; `z.preprocess()` puts it second.
      collect(def.in, names);
      collect(def.out, names);
      return;
    case "union":
      for (const option of def.options ?? []) collect(option, names);
      return;
    case "intersection":
      collect(def.left, names);
      collect(def.right, names);
      return;
    default:
      // optional, nullable, default, prefault, catch, readonly, nonoptional: the schema inside.
      collect(def.innerType, names);
  }
}
