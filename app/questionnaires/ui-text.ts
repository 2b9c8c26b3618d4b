import type { Language, LocalizedText } from "~/questionnaires/template-types";

const TEXT = {
  yes: { en: "Yes", es: "Sí" },
  no: { en: "No", es: "No" },
  optional: { en: "optional", es: "opcional" },
  choose: { en: "Choose…", es: "Elija…" },
  street: { en: "Street and number", es: "Calle y número" },
  unit: { en: "Apartment, suite or floor", es: "Apartamento, suite o piso" },
  city: { en: "City or town", es: "Ciudad o pueblo" },
  state: { en: "State or province", es: "Estado o provincia" },
  postalCode: { en: "ZIP or postal code", es: "Código postal" },
  country: { en: "Country", es: "País" },
  addRow: { en: "Add another", es: "Agregar otro" },
  removeRow: { en: "Remove", es: "Quitar" },
  row: { en: "Entry", es: "Registro" },
  saving: { en: "Saving…", es: "Guardando…" },
  saved: { en: "Saved", es: "Guardado" },
  notSaved: { en: "Not saved", es: "No guardado" },
  offline: { en: "Not saved yet: we will retry when the connection is back", es: "Aún no guardado: lo intentaremos de nuevo cuando vuelva la conexión" },
  saveContinue: { en: "Save and continue", es: "Guardar y continuar" },
  saveDraft: { en: "Save", es: "Guardar" },
  back: { en: "Back to overview", es: "Volver al resumen" },
  review: { en: "Review and submit", es: "Revisar y enviar" },
  submit: { en: "Submit to my legal team", es: "Enviar a mi equipo legal" },
  locked: { en: "Submitted: answers are locked", es: "Enviado: las respuestas están bloqueadas" },
  reopened: { en: "Your legal team asked you to change this answer", es: "Su equipo legal le pidió cambiar esta respuesta" },
  sectionErrors: { en: "Some answers need attention. They are marked below.", es: "Algunas respuestas necesitan atención. Están marcadas abajo." },
  notAnswered: { en: "Not answered", es: "Sin respuesta" },
  progress: { en: "answered", es: "respondidas" },
  language: { en: "Language", es: "Idioma" },
  IN_PROGRESS: { en: "In progress", es: "En curso" },
  SUBMITTED: { en: "Submitted", es: "Enviado" },
  CHANGES_REQUESTED: { en: "Changes requested", es: "Cambios solicitados" },
} satisfies Record<string, LocalizedText>;

export type UiKey = keyof typeof TEXT;

export function t(key: UiKey, language: Language) {
  return TEXT[key][language];
}
