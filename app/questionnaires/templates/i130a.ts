/**
 * Form I-130A, Supplemental Information for Spouse Beneficiary: answered by the spouse being petitioned for
 * ("you"). Keys: "beneficiary.*", the same meaning as the beneficiary keys of the I-130 questionnaire.
 */
import type { LocalizedText, QuestionnaireTemplate } from "~/questionnaires/template-types";

const SEX_OPTIONS: { value: string; label: LocalizedText }[] = [
  { value: "male", label: { en: "Male", es: "Masculino" } },
  { value: "female", label: { en: "Female", es: "Femenino" } },
];

const TO_ADDRESS_HELP: LocalizedText = {
  en: "Leave empty if you still live here.",
  es: "Déjelo en blanco si todavía vive aquí.",
};

const TO_JOB_HELP: LocalizedText = {
  en: "Leave empty if this is your current job.",
  es: "Déjelo en blanco si es su empleo actual.",
};

const PARENT_DECEASED_HELP: LocalizedText = {
  en: "Answer No if this parent has died; you will not be asked where they live.",
  es: "Responda No si este padre o madre ha fallecido; no se le preguntará dónde vive.",
};

export const i130a: QuestionnaireTemplate = {
  id: "i-130a",
  version: 1,
  title: {
    en: "Supplemental Information for Spouse Beneficiary (Form I-130A)",
    es: "Información complementaria para el cónyuge beneficiario (Formulario I-130A)",
  },
  description: {
    en: "Questions for the husband or wife being petitioned for: your addresses, your parents and your jobs. Your legal team uses your answers to prepare Form I-130A, which is filed with your spouse's Form I-130.",
    es: "Preguntas para el esposo o la esposa para quien se presenta la petición: sus direcciones, sus padres y sus empleos. Su equipo legal usará sus respuestas para preparar el Formulario I-130A, que se presenta junto con el Formulario I-130 de su cónyuge.",
  },
  caseTypes: ["I130_FAMILY_PETITION"],
  passportScan: [
    {
      key: "beneficiary",
      label: { en: "Your passport", es: "Su pasaporte" },
      fields: { surname: "beneficiary.name.family", givenNames: "beneficiary.name.given", birthDate: "beneficiary.birthDate" },
    },
  ],
  sections: [
    {
      key: "identity",
      title: { en: "About you", es: "Sus datos personales" },
      intro: {
        en: "Write your names and dates exactly as they appear on your passport or birth certificate.",
        es: "Escriba sus nombres y fechas tal como aparecen en su pasaporte o acta de nacimiento.",
      },
      questions: [
        { key: "beneficiary.name.family", type: "text", required: true, label: { en: "Family name (last name)", es: "Apellido(s)" } },
        { key: "beneficiary.name.given", type: "text", required: true, label: { en: "Given name (first name)", es: "Nombre de pila" } },
        { key: "beneficiary.name.middle", type: "text", required: false, label: { en: "Middle name", es: "Segundo nombre" } },
        {
          key: "beneficiary.aNumber",
          type: "a-number",
          required: false,
          label: { en: "A-Number", es: "Número A (A-Number)" },
          help: {
            en: 'The Alien Registration Number (A-Number) is the 7- to 9-digit number USCIS gives some immigrants. It starts with an "A" and appears on green cards, work permits (EAD) and USCIS notices. Leave empty if you do not have one.',
            es: "El Número de Registro de Extranjero (A-Number) es el número de 7 a 9 dígitos que USCIS asigna a algunos inmigrantes. Empieza con una «A» y aparece en la tarjeta de residente (green card), en el permiso de trabajo (EAD) y en los avisos de USCIS. Déjelo en blanco si no tiene uno.",
          },
        },
        {
          key: "beneficiary.uscisAccountNumber",
          type: "text",
          required: false,
          maxLength: 14,
          label: { en: "USCIS online account number", es: "Número de cuenta en línea de USCIS" },
          help: {
            en: "A 12-digit number you receive when you create an account at my.uscis.gov or file a form online. It is not your A-Number. Leave empty if you do not have one.",
            es: "Un número de 12 dígitos que recibe al crear una cuenta en my.uscis.gov o al presentar un formulario en línea. No es su A-Number. Déjelo en blanco si no tiene uno.",
          },
        },
        { key: "beneficiary.birthDate", type: "date", required: true, label: { en: "Date of birth", es: "Fecha de nacimiento" } },
        { key: "beneficiary.birthCity", type: "text", required: true, label: { en: "City or town of birth", es: "Ciudad o pueblo de nacimiento" } },
        { key: "beneficiary.birthCountry", type: "country", required: true, label: { en: "Country of birth", es: "País de nacimiento" } },
      ],
    },
    {
      key: "contact",
      title: { en: "Your contact information", es: "Su información de contacto" },
      questions: [
        { key: "beneficiary.phone", type: "phone", required: true, label: { en: "Daytime phone number", es: "Teléfono durante el día" } },
        { key: "beneficiary.mobilePhone", type: "phone", required: false, label: { en: "Mobile phone number", es: "Teléfono celular" } },
        { key: "beneficiary.email", type: "email", required: false, label: { en: "Email address", es: "Correo electrónico" } },
      ],
    },
    {
      key: "addresses",
      title: { en: "Where you have lived", es: "Dónde ha vivido" },
      questions: [
        {
          key: "beneficiary.addressHistory",
          type: "group",
          required: true,
          minRows: 1,
          maxRows: 20,
          label: { en: "Your addresses in the last 5 years", es: "Sus direcciones de los últimos 5 años" },
          help: {
            en: "Start with where you live now and go back 5 years, in any country.",
            es: "Empiece por donde vive ahora y retroceda 5 años, en cualquier país.",
          },
          continuity: {
            fromKey: "from",
            toKey: "to",
            years: 5,
            label: {
              en: "Your addresses must cover the last 5 years up to today, without gaps.",
              es: "Sus direcciones deben cubrir los últimos 5 años hasta hoy, sin interrupciones.",
            },
          },
          questions: [
            { key: "address", type: "address", required: true, label: { en: "Address", es: "Dirección" } },
            { key: "from", type: "date", required: true, label: { en: "Lived here from", es: "Vivió aquí desde" } },
            { key: "to", type: "date", required: false, label: { en: "Lived here until", es: "Vivió aquí hasta" }, help: TO_ADDRESS_HELP },
          ],
        },
        {
          key: "beneficiary.livedAbroadOverYear",
          type: "yesno",
          required: true,
          label: {
            en: "Apart from the addresses above, have you ever lived outside the United States for more than one year?",
            es: "Además de las direcciones anteriores, ¿alguna vez ha vivido fuera de Estados Unidos durante más de un año?",
          },
          help: {
            en: "USCIS asks for your last address outside the United States where you lived for more than a year, if it is not already in your 5-year list. If it is already listed, answer No.",
            es: "USCIS pide su última dirección fuera de Estados Unidos donde vivió más de un año, si no está ya en su lista de 5 años. Si ya la incluyó, responda No.",
          },
        },
        {
          key: "beneficiary.abroadAddress.address",
          type: "address",
          required: true,
          label: { en: "Your last address outside the United States", es: "Su última dirección fuera de Estados Unidos" },
          showIf: { key: "beneficiary.livedAbroadOverYear", equals: [true] },
        },
        {
          key: "beneficiary.abroadAddress.from",
          type: "date",
          required: true,
          label: { en: "Lived there from", es: "Vivió allí desde" },
          showIf: { key: "beneficiary.livedAbroadOverYear", equals: [true] },
        },
        {
          key: "beneficiary.abroadAddress.to",
          type: "date",
          required: true,
          label: { en: "Lived there until", es: "Vivió allí hasta" },
          showIf: { key: "beneficiary.livedAbroadOverYear", equals: [true] },
        },
      ],
    },
    {
      key: "parents",
      title: { en: "Your parents", es: "Sus padres" },
      intro: {
        en: "Tell us about both of your parents, in any order. Use their names as they were at birth.",
        es: "Háblenos de sus dos padres, en cualquier orden. Use sus nombres tal como eran al nacer.",
      },
      questions: [
        { key: "beneficiary.parent1.name.family", type: "text", required: true, label: { en: "First parent's family name (last name)", es: "Apellido(s) del primer padre o madre" } },
        { key: "beneficiary.parent1.name.given", type: "text", required: true, label: { en: "First parent's given name (first name)", es: "Nombre de pila del primer padre o madre" } },
        { key: "beneficiary.parent1.name.middle", type: "text", required: false, label: { en: "First parent's middle name", es: "Segundo nombre del primer padre o madre" } },
        { key: "beneficiary.parent1.birthDate", type: "date", required: true, label: { en: "First parent's date of birth", es: "Fecha de nacimiento del primer padre o madre" } },
        { key: "beneficiary.parent1.sex", type: "choice", required: true, label: { en: "First parent's sex", es: "Sexo del primer padre o madre" }, options: SEX_OPTIONS },
        {
          key: "beneficiary.parent1.birthCity",
          type: "text",
          required: true,
          label: { en: "First parent's city or town of birth", es: "Ciudad o pueblo de nacimiento del primer padre o madre" },
        },
        { key: "beneficiary.parent1.birthCountry", type: "country", required: true, label: { en: "First parent's country of birth", es: "País de nacimiento del primer padre o madre" } },
        {
          key: "beneficiary.parent1.living",
          type: "yesno",
          required: true,
          label: { en: "Is this parent still alive?", es: "¿Este padre o madre sigue con vida?" },
          help: PARENT_DECEASED_HELP,
        },
        {
          key: "beneficiary.parent1.residenceCity",
          type: "text",
          required: true,
          label: { en: "City or town where the first parent lives now", es: "Ciudad o pueblo donde vive ahora el primer padre o madre" },
          showIf: { key: "beneficiary.parent1.living", equals: [true] },
        },
        {
          key: "beneficiary.parent1.residenceCountry",
          type: "country",
          required: true,
          label: { en: "Country where the first parent lives now", es: "País donde vive ahora el primer padre o madre" },
          showIf: { key: "beneficiary.parent1.living", equals: [true] },
        },
        { key: "beneficiary.parent2.name.family", type: "text", required: true, label: { en: "Second parent's family name (last name)", es: "Apellido(s) del segundo padre o madre" } },
        { key: "beneficiary.parent2.name.given", type: "text", required: true, label: { en: "Second parent's given name (first name)", es: "Nombre de pila del segundo padre o madre" } },
        { key: "beneficiary.parent2.name.middle", type: "text", required: false, label: { en: "Second parent's middle name", es: "Segundo nombre del segundo padre o madre" } },
        { key: "beneficiary.parent2.birthDate", type: "date", required: true, label: { en: "Second parent's date of birth", es: "Fecha de nacimiento del segundo padre o madre" } },
        { key: "beneficiary.parent2.sex", type: "choice", required: true, label: { en: "Second parent's sex", es: "Sexo del segundo padre o madre" }, options: SEX_OPTIONS },
        {
          key: "beneficiary.parent2.birthCity",
          type: "text",
          required: true,
          label: { en: "Second parent's city or town of birth", es: "Ciudad o pueblo de nacimiento del segundo padre o madre" },
        },
        { key: "beneficiary.parent2.birthCountry", type: "country", required: true, label: { en: "Second parent's country of birth", es: "País de nacimiento del segundo padre o madre" } },
        {
          key: "beneficiary.parent2.living",
          type: "yesno",
          required: true,
          label: { en: "Is this parent still alive?", es: "¿Este padre o madre sigue con vida?" },
          help: PARENT_DECEASED_HELP,
        },
        {
          key: "beneficiary.parent2.residenceCity",
          type: "text",
          required: true,
          label: { en: "City or town where the second parent lives now", es: "Ciudad o pueblo donde vive ahora el segundo padre o madre" },
          showIf: { key: "beneficiary.parent2.living", equals: [true] },
        },
        {
          key: "beneficiary.parent2.residenceCountry",
          type: "country",
          required: true,
          label: { en: "Country where the second parent lives now", es: "País donde vive ahora el segundo padre o madre" },
          showIf: { key: "beneficiary.parent2.living", equals: [true] },
        },
      ],
    },
    {
      key: "employment",
      title: { en: "Your employment", es: "Su empleo" },
      questions: [
        {
          key: "beneficiary.employmentHistory",
          type: "group",
          required: true,
          minRows: 1,
          maxRows: 20,
          label: { en: "Your jobs in the last 5 years", es: "Sus empleos de los últimos 5 años" },
          help: {
            en: 'Start with your current job and go back 5 years, in the United States and abroad. For periods without a job, add an entry with "Unemployed", "Student" or "Retired" as the employer; if you are self-employed, write "Self-employed".',
            es: "Empiece por su empleo actual y retroceda 5 años, en Estados Unidos y en el extranjero. Para los períodos sin empleo, agregue un registro con «Desempleado/a», «Estudiante» o «Jubilado/a» como empleador; si trabaja por cuenta propia, escriba «Trabajador/a independiente».",
          },
          continuity: {
            fromKey: "from",
            toKey: "to",
            years: 5,
            label: {
              en: "Your jobs (and any time without a job) must cover the last 5 years up to today, without gaps.",
              es: "Sus empleos (y cualquier período sin empleo) deben cubrir los últimos 5 años hasta hoy, sin interrupciones.",
            },
          },
          questions: [
            { key: "employer", type: "text", required: true, label: { en: "Employer name", es: "Nombre del empleador" } },
            { key: "occupation", type: "text", required: true, label: { en: "Occupation (job title)", es: "Ocupación (puesto)" } },
            { key: "address", type: "address", required: false, label: { en: "Employer's address", es: "Dirección del empleador" } },
            { key: "from", type: "date", required: true, label: { en: "Worked here from", es: "Trabajó aquí desde" } },
            { key: "to", type: "date", required: false, label: { en: "Worked here until", es: "Trabajó aquí hasta" }, help: TO_JOB_HELP },
          ],
        },
        {
          key: "beneficiary.workedAbroad",
          type: "yesno",
          required: true,
          label: {
            en: "Apart from the jobs above, have you ever worked outside the United States?",
            es: "Además de los empleos anteriores, ¿alguna vez ha trabajado fuera de Estados Unidos?",
          },
          help: {
            en: "USCIS asks for your last job outside the United States if it is not already in your 5-year list. If it is already listed, answer No.",
            es: "USCIS pide su último empleo fuera de Estados Unidos si no está ya en su lista de 5 años. Si ya lo incluyó, responda No.",
          },
        },
        {
          key: "beneficiary.employmentAbroad.employer",
          type: "text",
          required: true,
          label: { en: "Employer name (last job outside the United States)", es: "Nombre del empleador (último empleo fuera de Estados Unidos)" },
          showIf: { key: "beneficiary.workedAbroad", equals: [true] },
        },
        {
          key: "beneficiary.employmentAbroad.occupation",
          type: "text",
          required: true,
          label: { en: "Occupation (job title)", es: "Ocupación (puesto)" },
          showIf: { key: "beneficiary.workedAbroad", equals: [true] },
        },
        {
          key: "beneficiary.employmentAbroad.address",
          type: "address",
          required: false,
          label: { en: "Employer's address", es: "Dirección del empleador" },
          showIf: { key: "beneficiary.workedAbroad", equals: [true] },
        },
        {
          key: "beneficiary.employmentAbroad.from",
          type: "date",
          required: true,
          label: { en: "Worked there from", es: "Trabajó allí desde" },
          showIf: { key: "beneficiary.workedAbroad", equals: [true] },
        },
        {
          key: "beneficiary.employmentAbroad.to",
          type: "date",
          required: true,
          label: { en: "Worked there until", es: "Trabajó allí hasta" },
          showIf: { key: "beneficiary.workedAbroad", equals: [true] },
        },
      ],
    },
  ],
};
