import type { FormMapping } from "~/forms/mapping";
import { I130 } from "~/forms/mappings/i-130";
import { I130A } from "~/forms/mappings/i-130a";
import { I765 } from "~/forms/mappings/i-765";

/** Shipped mappings, one per form number; the questionnaire whose answers fill it has the same id in lower case. */
export const MAPPINGS: readonly FormMapping[] = [I130, I130A, I765];

export function mappingFor(formNumber: string) {
  return MAPPINGS.find((m) => m.formNumber === formNumber) ?? null;
}
