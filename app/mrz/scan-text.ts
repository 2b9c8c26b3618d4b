import type { Language, LocalizedText } from "~/questionnaires/template-types";

export const SCAN_TEXT = {
  title: { en: "Scan passport", es: "Escanear pasaporte" },
  intro: {
    en: "Take a photo of the passport's photo page, with the two lines of letters and <<< at the bottom in view. Passage reads those lines and shows what it read next to your answers; nothing changes until you confirm. The photo is read in memory and never stored.",
    es: "Tome una foto de la página con la fotografía del pasaporte, con las dos líneas de letras y <<< de abajo a la vista. Passage lee esas líneas y muestra lo leído junto a sus respuestas; nada cambia hasta que usted lo confirme. La foto se lee en memoria y nunca se guarda.",
  },
  offer: {
    en: "fill these answers from a photo of the passport instead of typing them.",
    es: "complete estas respuestas con una foto del pasaporte en lugar de escribirlas.",
  },
  filled: { en: "answers filled from the passport", es: "respuestas completadas con el pasaporte" },
  whose: { en: "Whose passport", es: "De quién es el pasaporte" },
  photo: { en: "Photo or scan of the passport", es: "Foto o escaneo del pasaporte" },
  photoHint: {
    en: "JPEG, PNG, WebP or HEIC, up to 10 MB. On a phone this opens the camera.",
    es: "JPEG, PNG, WebP o HEIC, hasta 10 MB. En un teléfono se abre la cámara.",
  },
  read: { en: "Read passport", es: "Leer pasaporte" },
  readValue: { en: "Read from the passport", es: "Leído del pasaporte" },
  reading: { en: "Reading…", es: "Leyendo…" },
  compareTitle: { en: "What we read", es: "Lo que leímos" },
  checksPassed: {
    en: "The passport's check digits match. Names, nationality and sex have no check digit: compare every value with the passport.",
    es: "Los dígitos de control del pasaporte coinciden. Los nombres, la nacionalidad y el sexo no tienen dígito de control: compare cada valor con el pasaporte.",
  },
  checksFailed: {
    en: "Some check digits do not match, so part of the read is probably wrong. Use only values you have checked against the passport, or take a sharper photo.",
    es: "Algunos dígitos de control no coinciden, así que parte de la lectura probablemente es incorrecta. Use solo valores que haya comparado con el pasaporte, o tome una foto más nítida.",
  },
  checkFailed: { en: "(check digit failed)", es: "(dígito de control incorrecto)" },
  use: { en: "Use", es: "Usar" },
  field: { en: "Field", es: "Campo" },
  yourAnswer: { en: "Your answer", es: "Su respuesta" },
  status: { en: "Comparison", es: "Comparación" },
  "status-same": { en: "Matches", es: "Coincide" },
  "status-differs": { en: "Differs", es: "Diferente" },
  "status-empty": { en: "Not answered yet", es: "Sin respuesta aún" },
  "status-unreadable": { en: "Could not read", es: "No se pudo leer" },
  "status-not-asked": { en: "Not asked here", es: "No se pregunta aquí" },
  confirmHint: {
    en: "Ticked values replace your answers. Values that differ from what you typed are not ticked: tick them only if the passport is right.",
    es: "Los valores marcados reemplazan sus respuestas. Los valores distintos de lo que escribió no están marcados: márquelos solo si el pasaporte es correcto.",
  },
  apply: { en: "Use the ticked values", es: "Usar los valores marcados" },
  nothingChosen: { en: "Tick at least one value to use, or go back.", es: "Marque al menos un valor para usar, o vuelva atrás." },
  busy: {
    en: "Passport reading is busy right now. Please try again in a few seconds.",
    es: "La lectura de pasaportes está ocupada en este momento. Inténtelo de nuevo en unos segundos.",
  },
} satisfies Record<string, LocalizedText>;

const PROBLEMS: Record<string, LocalizedText> = {
  "no-image": { en: "Choose a photo of the passport first.", es: "Primero elija una foto del pasaporte." },
  "too-large": { en: "That file is larger than 10 MB. Take a smaller photo or scan.", es: "Ese archivo pesa más de 10 MB. Tome una foto o escaneo más pequeño." },
  "wrong-type": {
    en: "That file is not a JPEG, PNG, WebP or HEIC image.",
    es: "Ese archivo no es una imagen JPEG, PNG, WebP o HEIC.",
  },
  "no-mrz": {
    en: "We could not find the two lines of letters and <<< at the bottom of the photo page. Photograph the whole page, flat and in good light.",
    es: "No encontramos las dos líneas de letras y <<< al pie de la página con la foto. Fotografíe la página entera, plana y con buena luz.",
  },
  unreadable: {
    en: "We found the machine-readable lines but could not read them. Take a sharper photo without glare, or type the answers yourself.",
    es: "Encontramos las líneas de lectura mecánica pero no pudimos leerlas. Tome una foto más nítida y sin reflejos, o escriba las respuestas usted mismo.",
  },
  "undecodable": { en: "We could not open that image. Try another photo.", es: "No pudimos abrir esa imagen. Pruebe con otra foto." },
};

export function scanProblemText(problem: string, language: Language) {
  return (PROBLEMS[problem] ?? PROBLEMS.unreadable!)[language];
}
