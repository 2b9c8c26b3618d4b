/**
 * Every questionnaire template, all versions. Questionnaires already assigned keep the version they were
 * created with, so an old version stays in this list for as long as a questionnaire may use it.
 */
import type { QuestionnaireTemplate } from "~/questionnaires/template-types";
import { i130 } from "./i130";
import { i130a } from "./i130a";
import { i765 } from "./i765";
import { n400 } from "./n400";

export const TEMPLATES: QuestionnaireTemplate[] = [i130, i130a, i765, n400];

/** The template with this id, at `version`, or at its latest version when no version is given. */
export function getTemplate(id: string, version?: number): QuestionnaireTemplate | undefined {
  const versions = TEMPLATES.filter((template) => template.id === id);
  if (version !== undefined) return versions.find((template) => template.version === version);
  return versions.reduce<QuestionnaireTemplate | undefined>((latest, template) => (!latest || template.version > latest.version ? template : latest), undefined);
}

/** The latest version of each template, in the order of TEMPLATES. */
export function latestTemplates(): QuestionnaireTemplate[] {
  const ids = [...new Set(TEMPLATES.map((template) => template.id))];
  return ids.map((id) => getTemplate(id)!);
}

/** The latest templates offered for a case type (a CaseType enum value). */
export function templatesForCaseType(caseType: string): QuestionnaireTemplate[] {
  return latestTemplates().filter((template) => template.caseTypes.includes(caseType));
}
