/**
 * Form I-130, Petition for Alien Relative: answered by the petitioner ("you") about themselves and the
 * relative they petition for ("your relative", the beneficiary). Keys: "relationship.*", "petitioner.*",
 * "beneficiary.*" (see docs/questionnaire-keys.md).
 */
import type { LocalizedText, QuestionnaireTemplate } from "~/questionnaires/template-types";

const SEX_OPTIONS: { value: string; label: LocalizedText }[] = [
  { value: "male", label: { en: "Male", es: "Masculino" } },
  { value: "female", label: { en: "Female", es: "Femenino" } },
];

const MARITAL_STATUS_OPTIONS: { value: string; label: LocalizedText }[] = [
  { value: "single", label: { en: "Single, never married", es: "Soltero/a, nunca se ha casado" } },
  { value: "married", label: { en: "Married", es: "Casado/a" } },
  { value: "divorced", label: { en: "Divorced", es: "Divorciado/a" } },
  { value: "widowed", label: { en: "Widowed", es: "Viudo/a" } },
  { value: "separated", label: { en: "Separated", es: "Separado/a" } },
  { value: "annulled", label: { en: "Marriage annulled", es: "Matrimonio anulado" } },
];

const A_NUMBER_HELP: LocalizedText = {
  en: 'The Alien Registration Number (A-Number) is the 7- to 9-digit number USCIS gives some immigrants. It starts with an "A" and appears on green cards, work permits (EAD) and USCIS notices. Leave empty if you do not have one.',
  es: "El Número de Registro de Extranjero (A-Number) es el número de 7 a 9 dígitos que USCIS asigna a algunos inmigrantes. Empieza con una «A» y aparece en la tarjeta de residente (green card), en el permiso de trabajo (EAD) y en los avisos de USCIS. Déjelo en blanco si no tiene uno.",
};

const RELATIVE_A_NUMBER_HELP: LocalizedText = {
  en: 'The 7- to 9-digit number starting with "A" that appears on your relative\'s green card, work permit (EAD) or USCIS notices, if they have one. Leave empty if they do not have one or you do not know it.',
  es: "El número de 7 a 9 dígitos que empieza con «A» y aparece en la tarjeta de residente, el permiso de trabajo (EAD) o los avisos de USCIS de su familiar, si tiene uno. Déjelo en blanco si no tiene uno o si usted no lo sabe.",
};

const ACCOUNT_NUMBER_HELP: LocalizedText = {
  en: "A 12-digit number you receive when you create an account at my.uscis.gov or file a form online. It is printed on the Account Access Notice and on some USCIS notices. It is not your A-Number. Leave empty if you do not have one.",
  es: "Un número de 12 dígitos que recibe al crear una cuenta en my.uscis.gov o al presentar un formulario en línea. Aparece en el aviso de acceso a la cuenta (Account Access Notice) y en algunos avisos de USCIS. No es su A-Number. Déjelo en blanco si no tiene uno.",
};

const TO_ADDRESS_HELP: LocalizedText = {
  en: "Leave empty if this is the current address.",
  es: "Déjelo en blanco si es la dirección actual.",
};

const TO_JOB_HELP: LocalizedText = {
  en: "Leave empty if this is the current job.",
  es: "Déjelo en blanco si es el empleo actual.",
};

export const i130: QuestionnaireTemplate = {
  id: "i-130",
  version: 1,
  title: { en: "Petition for Alien Relative (Form I-130)", es: "Petición de familiar extranjero (Formulario I-130)" },
  description: {
    en: "Questions about you (the petitioner) and the relative you are petitioning for (the beneficiary). Your legal team uses your answers to prepare Form I-130.",
    es: "Preguntas sobre usted (el peticionario) y sobre el familiar para quien presenta la petición (el beneficiario). Su equipo legal usará sus respuestas para preparar el Formulario I-130.",
  },
  caseTypes: ["I130_FAMILY_PETITION"],
  passportScan: [
    {
      key: "beneficiary",
      label: { en: "Your relative's passport", es: "El pasaporte de su familiar" },
      fields: {
        surname: "beneficiary.name.family",
        givenNames: "beneficiary.name.given",
        birthDate: "beneficiary.birthDate",
        sex: "beneficiary.sex",
        nationality: "beneficiary.citizenshipCountry",
        documentNumber: "beneficiary.passport.number",
        issuingCountry: "beneficiary.passport.country",
        expiryDate: "beneficiary.passport.expiry",
      },
    },
  ],
  sections: [
    {
      key: "relationship",
      title: { en: "Your relationship", es: "Su parentesco" },
      intro: {
        en: "In this questionnaire, “you” means the U.S. citizen or permanent resident filing the petition, and “your relative” means the person you are petitioning for.",
        es: "En este cuestionario, «usted» es el ciudadano o residente permanente de EE. UU. que presenta la petición, y «su familiar» es la persona para quien la presenta.",
      },
      questions: [
        {
          key: "relationship.type",
          type: "choice",
          required: true,
          label: { en: "I am filing this petition for my…", es: "Presento esta petición para mi…" },
          options: [
            { value: "spouse", label: { en: "Spouse (husband or wife)", es: "Cónyuge (esposo o esposa)" } },
            { value: "parent", label: { en: "Parent (mother or father)", es: "Padre o madre" } },
            { value: "child", label: { en: "Child (son or daughter)", es: "Hijo o hija" } },
            { value: "sibling", label: { en: "Brother or sister", es: "Hermano o hermana" } },
          ],
        },
        {
          key: "relationship.marriage.date",
          type: "date",
          required: true,
          label: { en: "Date of your marriage", es: "Fecha de su matrimonio" },
          showIf: { key: "relationship.type", equals: ["spouse"] },
        },
        {
          key: "relationship.marriage.city",
          type: "text",
          required: true,
          label: { en: "City or town where you married (and state or province)", es: "Ciudad o pueblo donde se casaron (y estado o provincia)" },
          showIf: { key: "relationship.type", equals: ["spouse"] },
        },
        {
          key: "relationship.marriage.country",
          type: "country",
          required: true,
          label: { en: "Country where you married", es: "País donde se casaron" },
          showIf: { key: "relationship.type", equals: ["spouse"] },
        },
        {
          key: "relationship.livedTogether",
          type: "yesno",
          required: true,
          label: { en: "Have you and your spouse ever lived together?", es: "¿Usted y su cónyuge han vivido juntos alguna vez?" },
          showIf: { key: "relationship.type", equals: ["spouse"] },
        },
        {
          key: "relationship.sharedAddress.address",
          type: "address",
          required: true,
          label: { en: "Last address where you lived together", es: "Última dirección donde vivieron juntos" },
          showIf: { key: "relationship.livedTogether", equals: [true] },
        },
        {
          key: "relationship.sharedAddress.from",
          type: "date",
          required: true,
          label: { en: "Date you started living together at that address", es: "Fecha en que empezaron a vivir juntos en esa dirección" },
          showIf: { key: "relationship.livedTogether", equals: [true] },
        },
        {
          key: "relationship.sharedAddress.to",
          type: "date",
          required: false,
          label: { en: "Date you stopped living together at that address", es: "Fecha en que dejaron de vivir juntos en esa dirección" },
          help: { en: "Leave empty if you still live there together.", es: "Déjelo en blanco si todavía viven juntos allí." },
          showIf: { key: "relationship.livedTogether", equals: [true] },
        },
        {
          key: "relationship.parentChildBasis",
          type: "choice",
          required: true,
          label: { en: "Which of these describes your relationship?", es: "¿Cuál de estas opciones describe su parentesco?" },
          help: {
            en: "USCIS asks how the parent–child relationship came about. Choose the one that fits; your legal team will tell you which documents prove it.",
            es: "USCIS pregunta cómo surgió la relación entre padre o madre e hijo. Elija la opción que corresponda; su equipo legal le dirá qué documentos la comprueban.",
          },
          showIf: { key: "relationship.type", equals: ["parent", "child"] },
          options: [
            {
              value: "bornInMarriage",
              label: { en: "Child born to parents who were married to each other", es: "Hijo o hija de padres casados entre sí al momento del nacimiento" },
            },
            { value: "stepRelationship", label: { en: "Stepchild or stepparent", es: "Hijastro/a o padrastro/madrastra" } },
            {
              value: "bornOutOfMarriage",
              label: { en: "Child born to parents who were not married to each other", es: "Hijo o hija de padres que no estaban casados entre sí" },
            },
            { value: "adopted", label: { en: "Adopted child", es: "Hijo o hija adoptivo/a" } },
          ],
        },
        {
          key: "relationship.siblingByAdoption",
          type: "yesno",
          required: true,
          label: { en: "Are you and your brother or sister related by adoption?", es: "¿Usted y su hermano o hermana son parientes por adopción?" },
          showIf: { key: "relationship.type", equals: ["sibling"] },
        },
        {
          key: "relationship.statusThroughAdoption",
          type: "yesno",
          required: true,
          label: {
            en: "Did you get your permanent residence or U.S. citizenship through adoption?",
            es: "¿Obtuvo usted la residencia permanente o la ciudadanía de EE. UU. por medio de una adopción?",
          },
        },
        {
          key: "relationship.priorPetition",
          type: "yesno",
          required: true,
          label: {
            en: "Have you ever filed a petition for this relative or for anyone else?",
            es: "¿Alguna vez ha presentado una petición para este familiar o para otra persona?",
          },
        },
        {
          key: "relationship.priorPetitionDetails",
          type: "textarea",
          required: true,
          label: {
            en: "For each earlier petition: who it was for, where and when you filed it, and the result",
            es: "Para cada petición anterior: para quién era, dónde y cuándo la presentó, y cuál fue el resultado",
          },
          help: {
            en: "Include the receipt number if you have it (three letters and ten digits, on the USCIS receipt notice).",
            es: "Incluya el número de recibo si lo tiene (tres letras y diez dígitos, en el aviso de recibo de USCIS).",
          },
          showIf: { key: "relationship.priorPetition", equals: [true] },
        },
      ],
    },
    {
      key: "petitionerIdentity",
      title: { en: "About you", es: "Sus datos personales" },
      questions: [
        { key: "petitioner.name.family", type: "text", required: true, label: { en: "Family name (last name)", es: "Apellido(s)" } },
        { key: "petitioner.name.given", type: "text", required: true, label: { en: "Given name (first name)", es: "Nombre de pila" } },
        { key: "petitioner.name.middle", type: "text", required: false, label: { en: "Middle name", es: "Segundo nombre" } },
        {
          key: "petitioner.otherNames",
          type: "group",
          required: false,
          minRows: 0,
          maxRows: 10,
          label: { en: "Other names you have used", es: "Otros nombres que ha usado" },
          help: {
            en: "Include maiden names, names from earlier marriages, nicknames and aliases. Leave empty if you have never used another name.",
            es: "Incluya apellidos de soltera, nombres de matrimonios anteriores, apodos y alias. Déjelo en blanco si nunca ha usado otro nombre.",
          },
          questions: [
            { key: "family", type: "text", required: true, label: { en: "Family name (last name)", es: "Apellido(s)" } },
            { key: "given", type: "text", required: true, label: { en: "Given name (first name)", es: "Nombre de pila" } },
            { key: "middle", type: "text", required: false, label: { en: "Middle name", es: "Segundo nombre" } },
          ],
        },
        { key: "petitioner.birthDate", type: "date", required: true, label: { en: "Date of birth", es: "Fecha de nacimiento" } },
        { key: "petitioner.birthCity", type: "text", required: true, label: { en: "City or town of birth", es: "Ciudad o pueblo de nacimiento" } },
        { key: "petitioner.birthCountry", type: "country", required: true, label: { en: "Country of birth", es: "País de nacimiento" } },
        { key: "petitioner.sex", type: "choice", required: true, label: { en: "Sex", es: "Sexo" }, options: SEX_OPTIONS },
        { key: "petitioner.aNumber", type: "a-number", required: false, label: { en: "A-Number", es: "Número A (A-Number)" }, help: A_NUMBER_HELP },
        {
          key: "petitioner.ssn",
          type: "ssn",
          required: false,
          label: { en: "U.S. Social Security number", es: "Número de Seguro Social de EE. UU." },
          help: { en: "Nine digits. Leave empty if you do not have one.", es: "Nueve dígitos. Déjelo en blanco si no tiene uno." },
        },
        {
          key: "petitioner.uscisAccountNumber",
          type: "text",
          required: false,
          maxLength: 14,
          label: { en: "USCIS online account number", es: "Número de cuenta en línea de USCIS" },
          help: ACCOUNT_NUMBER_HELP,
        },
        {
          key: "petitioner.citizenshipStatus",
          type: "choice",
          required: true,
          label: { en: "Are you a U.S. citizen or a lawful permanent resident?", es: "¿Es usted ciudadano/a de EE. UU. o residente permanente legal?" },
          options: [
            { value: "usCitizen", label: { en: "U.S. citizen", es: "Ciudadano/a de EE. UU." } },
            { value: "lpr", label: { en: "Lawful permanent resident (green card holder)", es: "Residente permanente legal (titular de green card)" } },
          ],
        },
        {
          key: "petitioner.citizenship.source",
          type: "choice",
          required: true,
          label: { en: "How did you become a U.S. citizen?", es: "¿Cómo obtuvo la ciudadanía de EE. UU.?" },
          showIf: { key: "petitioner.citizenshipStatus", equals: ["usCitizen"] },
          options: [
            { value: "birth", label: { en: "I was born in the United States", es: "Nací en Estados Unidos" } },
            { value: "naturalization", label: { en: "Naturalization", es: "Naturalización" } },
            { value: "parents", label: { en: "Through my U.S. citizen parents", es: "Por medio de mis padres ciudadanos de EE. UU." } },
          ],
        },
        {
          key: "petitioner.citizenship.certificateNumber",
          type: "text",
          required: false,
          maxLength: 20,
          label: { en: "Naturalization or citizenship certificate number", es: "Número del certificado de naturalización o de ciudadanía" },
          help: {
            en: "Printed in red in the top right corner of the certificate. Leave empty if you do not have a certificate.",
            es: "Aparece impreso en rojo en la esquina superior derecha del certificado. Déjelo en blanco si no tiene certificado.",
          },
          showIf: { key: "petitioner.citizenship.source", equals: ["naturalization", "parents"] },
        },
        {
          key: "petitioner.lpr.classOfAdmission",
          type: "text",
          required: true,
          maxLength: 10,
          label: { en: "Class of admission", es: "Clase de admisión" },
          help: {
            en: 'The code for the category in which you became a permanent resident, for example IR1, CR1, F21 or EB2. It is printed on your green card under "Category".',
            es: "El código de la categoría en la que usted obtuvo la residencia permanente, por ejemplo IR1, CR1, F21 o EB2. Aparece en su tarjeta de residente en el campo «Category».",
          },
          showIf: { key: "petitioner.citizenshipStatus", equals: ["lpr"] },
        },
        {
          key: "petitioner.lpr.admissionDate",
          type: "date",
          required: true,
          label: { en: "Date you became a permanent resident", es: "Fecha en que obtuvo la residencia permanente" },
          help: { en: 'Printed on your green card as "Resident Since".', es: "Aparece en su tarjeta de residente como «Resident Since»." },
          showIf: { key: "petitioner.citizenshipStatus", equals: ["lpr"] },
        },
        {
          key: "petitioner.lpr.admissionPlace",
          type: "text",
          required: true,
          label: {
            en: "Where you were admitted or got your permanent residence (city and state)",
            es: "Dónde fue admitido/a u obtuvo la residencia permanente (ciudad y estado)",
          },
          help: {
            en: "The U.S. port of entry where you arrived with your immigrant visa, or the USCIS office that approved your adjustment of status.",
            es: "El puerto de entrada de EE. UU. por el que llegó con su visa de inmigrante, o la oficina de USCIS que aprobó su ajuste de estatus.",
          },
          showIf: { key: "petitioner.citizenshipStatus", equals: ["lpr"] },
        },
        {
          key: "petitioner.lpr.throughMarriage",
          type: "yesno",
          required: true,
          label: {
            en: "Did you get your permanent residence through marriage to a U.S. citizen or permanent resident?",
            es: "¿Obtuvo la residencia permanente por matrimonio con un ciudadano o residente permanente de EE. UU.?",
          },
          showIf: { key: "petitioner.citizenshipStatus", equals: ["lpr"] },
        },
      ],
    },
    {
      key: "petitionerContact",
      title: { en: "Your contact information", es: "Su información de contacto" },
      questions: [
        {
          key: "petitioner.mailingAddress",
          type: "address",
          required: true,
          label: { en: "Mailing address", es: "Dirección postal" },
          help: { en: "Where USCIS should send your mail.", es: "Donde USCIS debe enviarle su correspondencia." },
        },
        { key: "petitioner.phone", type: "phone", required: true, label: { en: "Daytime phone number", es: "Teléfono durante el día" } },
        { key: "petitioner.email", type: "email", required: true, label: { en: "Email address", es: "Correo electrónico" } },
      ],
    },
    {
      key: "petitionerAddresses",
      title: { en: "Where you have lived", es: "Dónde ha vivido" },
      questions: [
        {
          key: "petitioner.addressHistory",
          type: "group",
          required: true,
          minRows: 1,
          maxRows: 20,
          label: { en: "Your addresses in the last 5 years", es: "Sus direcciones de los últimos 5 años" },
          help: {
            en: "Start with where you live now and go back 5 years, including any addresses outside the United States.",
            es: "Empiece por donde vive ahora y retroceda 5 años, incluidas las direcciones fuera de Estados Unidos.",
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
      ],
    },
    {
      key: "petitionerMarriages",
      title: { en: "Your marital history", es: "Su historial matrimonial" },
      questions: [
        {
          key: "petitioner.maritalStatus",
          type: "choice",
          required: true,
          label: { en: "Your current marital status", es: "Su estado civil actual" },
          options: MARITAL_STATUS_OPTIONS,
        },
        {
          key: "petitioner.timesMarried",
          type: "number",
          required: true,
          label: { en: "How many times have you been married?", es: "¿Cuántas veces se ha casado?" },
          help: {
            en: "Count every marriage, including your current one and any that were annulled. Write 0 if you have never married.",
            es: "Cuente todos sus matrimonios, incluidos el actual y los que se anularon. Escriba 0 si nunca se ha casado.",
          },
        },
        {
          key: "petitioner.spouse.family",
          type: "text",
          required: true,
          label: { en: "Your current spouse's family name (last name)", es: "Apellido(s) de su cónyuge actual" },
          help: {
            en: "If you are petitioning for your spouse, enter their name here as well.",
            es: "Si presenta la petición para su cónyuge, escriba también aquí su nombre.",
          },
          showIf: { key: "petitioner.maritalStatus", equals: ["married", "separated"] },
        },
        {
          key: "petitioner.spouse.given",
          type: "text",
          required: true,
          label: { en: "Your current spouse's given name (first name)", es: "Nombre de pila de su cónyuge actual" },
          showIf: { key: "petitioner.maritalStatus", equals: ["married", "separated"] },
        },
        {
          key: "petitioner.priorMarriages",
          type: "group",
          required: false,
          minRows: 0,
          maxRows: 10,
          label: { en: "Your earlier marriages", es: "Sus matrimonios anteriores" },
          help: {
            en: "List every marriage that has ended. Leave empty if you have no earlier marriages.",
            es: "Indique cada matrimonio que haya terminado. Déjelo en blanco si no tiene matrimonios anteriores.",
          },
          questions: [
            { key: "spouseFamily", type: "text", required: true, label: { en: "Former spouse's family name (last name)", es: "Apellido(s) del excónyuge" } },
            { key: "spouseGiven", type: "text", required: true, label: { en: "Former spouse's given name (first name)", es: "Nombre de pila del excónyuge" } },
            { key: "marriageDate", type: "date", required: true, label: { en: "Date of marriage", es: "Fecha del matrimonio" } },
            { key: "endDate", type: "date", required: true, label: { en: "Date the marriage ended", es: "Fecha en que terminó el matrimonio" } },
            {
              key: "howEnded",
              type: "choice",
              required: true,
              label: { en: "How the marriage ended", es: "Cómo terminó el matrimonio" },
              options: [
                { value: "divorce", label: { en: "Divorce", es: "Divorcio" } },
                { value: "death", label: { en: "Death of spouse", es: "Fallecimiento del cónyuge" } },
                { value: "annulment", label: { en: "Annulment", es: "Anulación" } },
              ],
            },
          ],
        },
      ],
    },
    {
      key: "petitionerEmployment",
      title: { en: "Your employment", es: "Su empleo" },
      questions: [
        {
          key: "petitioner.employmentHistory",
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
      ],
    },
    {
      key: "beneficiaryIdentity",
      title: { en: "About your relative", es: "Datos de su familiar" },
      intro: {
        en: "Now answer about the relative you are petitioning for, using the names and dates exactly as they appear on their passport or birth certificate.",
        es: "Ahora responda sobre el familiar para quien presenta la petición, con los nombres y las fechas tal como aparecen en su pasaporte o acta de nacimiento.",
      },
      questions: [
        { key: "beneficiary.name.family", type: "text", required: true, label: { en: "Your relative's family name (last name)", es: "Apellido(s) de su familiar" } },
        { key: "beneficiary.name.given", type: "text", required: true, label: { en: "Your relative's given name (first name)", es: "Nombre de pila de su familiar" } },
        { key: "beneficiary.name.middle", type: "text", required: false, label: { en: "Your relative's middle name", es: "Segundo nombre de su familiar" } },
        {
          key: "beneficiary.otherNames",
          type: "group",
          required: false,
          minRows: 0,
          maxRows: 10,
          label: { en: "Other names your relative has used", es: "Otros nombres que ha usado su familiar" },
          help: {
            en: "Include maiden names, names from earlier marriages, nicknames and aliases. Leave empty if none.",
            es: "Incluya apellidos de soltera, nombres de matrimonios anteriores, apodos y alias. Déjelo en blanco si no hay ninguno.",
          },
          questions: [
            { key: "family", type: "text", required: true, label: { en: "Family name (last name)", es: "Apellido(s)" } },
            { key: "given", type: "text", required: true, label: { en: "Given name (first name)", es: "Nombre de pila" } },
            { key: "middle", type: "text", required: false, label: { en: "Middle name", es: "Segundo nombre" } },
          ],
        },
        { key: "beneficiary.birthDate", type: "date", required: true, label: { en: "Your relative's date of birth", es: "Fecha de nacimiento de su familiar" } },
        {
          key: "beneficiary.birthCity",
          type: "text",
          required: true,
          label: { en: "Your relative's city or town of birth", es: "Ciudad o pueblo de nacimiento de su familiar" },
        },
        { key: "beneficiary.birthCountry", type: "country", required: true, label: { en: "Your relative's country of birth", es: "País de nacimiento de su familiar" } },
        { key: "beneficiary.sex", type: "choice", required: true, label: { en: "Your relative's sex", es: "Sexo de su familiar" }, options: SEX_OPTIONS },
        {
          key: "beneficiary.citizenshipCountry",
          type: "country",
          required: true,
          label: { en: "Your relative's country of citizenship or nationality", es: "País de ciudadanía o nacionalidad de su familiar" },
        },
        {
          key: "beneficiary.aNumber",
          type: "a-number",
          required: false,
          label: { en: "Your relative's A-Number", es: "Número A (A-Number) de su familiar" },
          help: RELATIVE_A_NUMBER_HELP,
        },
        {
          key: "beneficiary.ssn",
          type: "ssn",
          required: false,
          label: { en: "Your relative's U.S. Social Security number", es: "Número de Seguro Social de EE. UU. de su familiar" },
          help: { en: "Leave empty if your relative does not have one.", es: "Déjelo en blanco si su familiar no tiene uno." },
        },
        {
          key: "beneficiary.passport.number",
          type: "text",
          required: false,
          maxLength: 30,
          label: { en: "Your relative's passport number", es: "Número de pasaporte de su familiar" },
          help: { en: "Leave empty if your relative has no passport.", es: "Déjelo en blanco si su familiar no tiene pasaporte." },
        },
        {
          key: "beneficiary.passport.country",
          type: "country",
          required: false,
          label: { en: "Country that issued the passport", es: "País que expidió el pasaporte" },
        },
        {
          key: "beneficiary.passport.expiry",
          type: "date",
          required: false,
          allowFuture: true,
          label: { en: "Passport expiration date", es: "Fecha de vencimiento del pasaporte" },
        },
      ],
    },
    {
      key: "beneficiaryAddresses",
      title: { en: "Your relative's contact information and addresses", es: "Contacto y direcciones de su familiar" },
      questions: [
        { key: "beneficiary.phone", type: "phone", required: false, label: { en: "Your relative's phone number", es: "Teléfono de su familiar" } },
        { key: "beneficiary.email", type: "email", required: false, label: { en: "Your relative's email address", es: "Correo electrónico de su familiar" } },
        {
          key: "beneficiary.intendedUsAddress",
          type: "address",
          required: false,
          label: { en: "Address in the United States where your relative intends to live", es: "Dirección en Estados Unidos donde su familiar piensa vivir" },
          help: {
            en: "Leave empty if your relative already lives at that address (it will be in the list below).",
            es: "Déjelo en blanco si su familiar ya vive en esa dirección (aparecerá en la lista de abajo).",
          },
        },
        {
          key: "beneficiary.addressHistory",
          type: "group",
          required: true,
          minRows: 1,
          maxRows: 20,
          label: { en: "Your relative's addresses in the last 5 years", es: "Direcciones de su familiar en los últimos 5 años" },
          help: {
            en: "Start with where your relative lives now and go back 5 years, in any country.",
            es: "Empiece por donde vive su familiar ahora y retroceda 5 años, en cualquier país.",
          },
          continuity: {
            fromKey: "from",
            toKey: "to",
            years: 5,
            label: {
              en: "Your relative's addresses must cover the last 5 years up to today, without gaps.",
              es: "Las direcciones de su familiar deben cubrir los últimos 5 años hasta hoy, sin interrupciones.",
            },
          },
          questions: [
            { key: "address", type: "address", required: true, label: { en: "Address", es: "Dirección" } },
            { key: "from", type: "date", required: true, label: { en: "Lived here from", es: "Vivió aquí desde" } },
            { key: "to", type: "date", required: false, label: { en: "Lived here until", es: "Vivió aquí hasta" }, help: TO_ADDRESS_HELP },
          ],
        },
      ],
    },
    {
      key: "beneficiaryImmigration",
      title: { en: "Your relative's immigration history", es: "Historial migratorio de su familiar" },
      questions: [
        {
          key: "beneficiary.everInUs",
          type: "yesno",
          required: true,
          label: { en: "Has your relative ever been in the United States?", es: "¿Su familiar ha estado alguna vez en Estados Unidos?" },
        },
        {
          key: "beneficiary.lastArrival.classOfAdmission",
          type: "text",
          required: true,
          maxLength: 40,
          label: { en: "Status at your relative's last arrival (class of admission)", es: "Estatus con el que su familiar llegó por última vez (clase de admisión)" },
          help: {
            en: 'The category your relative was admitted in, shown on the I-94 record or visa, for example B-2 (visitor), F-1 (student) or parole. Write "entered without inspection" if they crossed without being admitted.',
            es: "La categoría con la que admitieron a su familiar, que aparece en el registro I-94 o en la visa, por ejemplo B-2 (visitante), F-1 (estudiante) o parole. Escriba «entró sin inspección» si cruzó sin ser admitido/a.",
          },
          showIf: { key: "beneficiary.everInUs", equals: [true] },
        },
        {
          key: "beneficiary.lastArrival.i94Number",
          type: "text",
          required: false,
          maxLength: 11,
          label: { en: "I-94 arrival/departure record number", es: "Número del registro de entrada y salida I-94" },
          help: {
            en: "The 11-character number on your relative's arrival/departure record (Form I-94). It can be looked up at i94.cbp.dhs.gov; older paper I-94 cards are usually stapled in the passport. Leave empty if there is none.",
            es: "El número de 11 caracteres del registro de entrada y salida de su familiar (Formulario I-94). Se puede consultar en i94.cbp.dhs.gov; las tarjetas I-94 de papel antiguas suelen estar engrapadas en el pasaporte. Déjelo en blanco si no tiene.",
          },
          showIf: { key: "beneficiary.everInUs", equals: [true] },
        },
        {
          key: "beneficiary.lastArrival.date",
          type: "date",
          required: true,
          label: { en: "Date of your relative's last arrival in the United States", es: "Fecha de la última llegada de su familiar a Estados Unidos" },
          showIf: { key: "beneficiary.everInUs", equals: [true] },
        },
        {
          key: "beneficiary.lastArrival.stayExpires",
          type: "date",
          required: false,
          allowFuture: true,
          label: { en: "Date the authorized stay expires (or expired)", es: "Fecha en que vence (o venció) la estancia autorizada" },
          help: {
            en: 'Shown on the I-94 as "Admit Until Date". Leave empty if it says "D/S" (duration of status) or if there is no I-94.',
            es: "Aparece en el I-94 como «Admit Until Date». Déjelo en blanco si dice «D/S» (duración del estatus) o si no hay I-94.",
          },
          showIf: { key: "beneficiary.everInUs", equals: [true] },
        },
        {
          key: "beneficiary.currentlyInUs",
          type: "yesno",
          required: true,
          label: { en: "Is your relative in the United States now?", es: "¿Su familiar está ahora en Estados Unidos?" },
          showIf: { key: "beneficiary.everInUs", equals: [true] },
        },
        {
          key: "beneficiary.immigrationProceedings",
          type: "yesno",
          required: true,
          label: {
            en: "Has your relative ever been in immigration proceedings (removal, deportation, exclusion or rescission)?",
            es: "¿Su familiar ha estado alguna vez en un proceso migratorio (expulsión, deportación, exclusión o rescisión)?",
          },
        },
        {
          key: "beneficiary.immigrationProceedingsDetails",
          type: "textarea",
          required: true,
          label: { en: "Describe the proceedings: type, place, date and outcome", es: "Describa el proceso: tipo, lugar, fecha y resultado" },
          showIf: { key: "beneficiary.immigrationProceedings", equals: [true] },
        },
      ],
    },
    {
      key: "beneficiaryFamily",
      title: { en: "Your relative's family", es: "Familia de su familiar" },
      questions: [
        {
          key: "beneficiary.maritalStatus",
          type: "choice",
          required: true,
          label: { en: "Your relative's current marital status", es: "Estado civil actual de su familiar" },
          options: MARITAL_STATUS_OPTIONS,
        },
        {
          key: "beneficiary.timesMarried",
          type: "number",
          required: true,
          label: { en: "How many times has your relative been married?", es: "¿Cuántas veces se ha casado su familiar?" },
          help: {
            en: "Count every marriage, including the current one. Write 0 if your relative has never married.",
            es: "Cuente todos los matrimonios, incluido el actual. Escriba 0 si su familiar nunca se ha casado.",
          },
        },
        {
          key: "beneficiary.children",
          type: "group",
          required: false,
          minRows: 0,
          maxRows: 20,
          label: { en: "Your relative's children", es: "Hijos e hijas de su familiar" },
          help: {
            en: "List all of your relative's sons and daughters, of any age, including adopted children and stepchildren. Leave empty if none.",
            es: "Indique todos los hijos e hijas de su familiar, de cualquier edad, incluidos los adoptivos y los hijastros. Déjelo en blanco si no tiene.",
          },
          questions: [
            { key: "family", type: "text", required: true, label: { en: "Child's family name (last name)", es: "Apellido(s) del hijo o hija" } },
            { key: "given", type: "text", required: true, label: { en: "Child's given name (first name)", es: "Nombre de pila del hijo o hija" } },
            { key: "birthDate", type: "date", required: true, label: { en: "Child's date of birth", es: "Fecha de nacimiento del hijo o hija" } },
            { key: "birthCountry", type: "country", required: true, label: { en: "Child's country of birth", es: "País de nacimiento del hijo o hija" } },
          ],
        },
      ],
    },
    {
      key: "beneficiaryEmployment",
      title: { en: "Your relative's employment", es: "Empleo de su familiar" },
      questions: [
        {
          key: "beneficiary.employmentHistory",
          type: "group",
          required: false,
          minRows: 0,
          maxRows: 20,
          label: { en: "Your relative's jobs", es: "Empleos de su familiar" },
          help: {
            en: "Start with your relative's current job, then earlier jobs in the last 5 years if you know them. Leave empty if your relative does not work.",
            es: "Empiece por el empleo actual de su familiar y luego los empleos anteriores de los últimos 5 años, si los conoce. Déjelo en blanco si su familiar no trabaja.",
          },
          questions: [
            { key: "employer", type: "text", required: true, label: { en: "Employer name", es: "Nombre del empleador" } },
            { key: "occupation", type: "text", required: true, label: { en: "Occupation (job title)", es: "Ocupación (puesto)" } },
            { key: "address", type: "address", required: false, label: { en: "Employer's address", es: "Dirección del empleador" } },
            { key: "from", type: "date", required: true, label: { en: "Worked there from", es: "Trabajó allí desde" } },
            {
              key: "to",
              type: "date",
              required: false,
              label: { en: "Worked there until", es: "Trabajó allí hasta" },
              help: TO_JOB_HELP,
            },
          ],
        },
      ],
    },
  ],
};
