import type { z } from 'zod';
import { suggestNames } from '../devices/registry.js';

/** One schema problem: the field's path (`nics[0].slot`) and the sentence (expected, given). */
export interface SchemaProblem {
  field: string;
  message: string;
}

/**
 * Turns zod issues (parsed with `reportInput: true`) into problems that name the field, what
 * was expected and what was given. An unknown key names the schema's nearest keys there:
 * `targts` → `did you mean targets?`.
 * @example formatSchemaIssues(schema, schema.safeParse(input, { reportInput: true }).error!.issues)
 */
export function formatSchemaIssues(schema: z.core.$ZodType, issues: readonly z.core.$ZodIssue[]): SchemaProblem[] {
  return issues.flatMap((issue) => formatIssue(schema, issue));
}

function formatIssue(schema: z.core.$ZodType, issue: z.core.$ZodIssue): SchemaProblem[] {
  // A union says only "Invalid input": the branch the value came closest to (its issues reach
  // deepest into the value) says what was wrong.
  if (issue.code === 'invalid_union') {
    const depth = (inner: readonly z.core.$ZodIssue[]): number => Math.max(0, ...inner.map((entry) => entry.path.length));
    const closest = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
    if (closest && depth(closest) > 0) return closest.flatMap((inner) => formatIssue(schema, { ...inner, path: [...issue.path, ...inner.path] }));
  }
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, issue.path);
    return issue.keys.map((key) => {
      const [nearest] = suggestNames(key, known, 1);
      const hint = nearest ? `did you mean ${nearest}?` : `expected one of ${known.join(', ')}`;
      return { field: fieldPath([...issue.path, key]), message: `Unrecognized key "${key}": ${hint}` };
    });
  }
  const message = issue.message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '').replace(/, received \w+$/, '');
  const given = 'input' in issue && issue.input !== undefined ? `got ${describeGiven(issue.input)}` : 'got nothing';
  return [{ field: fieldPath(issue.path), message: `${message}, ${given}` }];
}

/** Writes a zod path the way the lab names fields: `targets[0].machine`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}

/** A given value in a message: strings quoted, others as JSON, cut at 80 characters. */
export function describeGiven(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The keys an object schema accepts at a path of the value (through optionals, defaults, arrays, unions). */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  const visit = (node: z.core.$ZodType, rest: readonly PropertyKey[]): void => {
    const def = node._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; element?: z.core.$ZodType; options?: z.core.$ZodType[]; shape?: Record<string, z.core.$ZodType>; in?: z.core.$ZodType };
    switch (def.type) {
      case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'nonoptional': case 'catch':
        return def.innerType ? visit(def.innerType, rest) : undefined;
      case 'pipe':
        return def.in ? visit(def.in, rest) : undefined;
      case 'union':
        return def.options?.forEach((option) => visit(option, rest));
      case 'array':
        return rest.length > 0 && typeof rest[0] === 'number' && def.element ? visit(def.element, rest.slice(1)) : undefined;
      case 'object': {
        if (!def.shape) return;
        if (rest.length === 0) Object.keys(def.shape).forEach((key) => keys.add(key));
        const inner = typeof rest[0] === 'string' ? def.shape[rest[0]] : undefined;
        if (inner) visit(inner, rest.slice(1));
        return;
      }
      default:
        return;
    }
  };
  visit(schema, path);
  return [...keys];
}
