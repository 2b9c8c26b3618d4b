/**
 * Form N-400, Application for Naturalization: answered by the applicant ("you").
 * Keys: "applicant.*" (see docs/questionnaire-keys.md).
 */
import type { LocalizedText, QuestionnaireTemplate, ScalarQuestion } from "~/questionnaires/template-types";

const TO_ADDRESS_HELP: LocalizedText = {
  en: "Leave empty if you still live here.",
  es: "Déjelo en blanco si todavía vive aquí.",
};

const EXPLAIN_LABEL: LocalizedText = {
  en: "Please explain: what happened, when and where",
  es: "Explique, por favor: qué sucedió, cuándo y dónde",
};

const EXPLAIN_HELP: LocalizedText = {
  en: "Give as much detail as you can. Your legal team will review it with you and tell you which documents are needed.",
  es: "Dé todos los detalles que pueda. Su equipo legal lo revisará con usted y le dirá qué documentos se necesitan.",
};

/** A good-moral-character question and its explanation, shown when the answer is Yes. */
function moralQuestion(name: string, label: LocalizedText, help?: LocalizedText): [ScalarQuestion, ScalarQuestion] {
  const key = `applicant.moral.${name}`;
  return [
    { key, type: "yesno", required: true, label, ...(help ? { help } : {}) },
    { key: `${key}Explanation`, type: "textarea", required: true, label: EXPLAIN_LABEL, help: EXPLAIN_HELP, showIf: { key, equals: [true] } },
  ];
}

export const n400: QuestionnaireTemplate = {
  id: "n-400",
  version: 1,
  title: { en: "Application for Naturalization (Form N-400)", es: "Solicitud de naturalización (Formulario N-400)" },
  description: {
    en: "Questions about your eligibility, your history over the last 5 years and your background. Your legal team uses your answers to prepare Form N-400 to become a U.S. citizen.",
    es: "Preguntas sobre su elegibilidad, su historial de los últimos 5 años y sus antecedentes. Su equipo legal usará sus respuestas para preparar el Formulario N-400 para hacerse ciudadano/a de EE. UU.",
  },
  caseTypes: ["N400_NATURALIZATION"],
  passportScan: [
    {
      key: "applicant",
      label: { en: "Your passport", es: "Su pasaporte" },
      fields: { surname: "applicant.name.family", givenNames: "applicant.name.given", birthDate: "applicant.birthDate", sex: "applicant.sex" },
    },
  ],
  sections: [
    {
      key: "eligibility",
      title: { en: "Your eligibility", es: "Su elegibilidad" },
      questions: [
        {
          key: "applicant.eligibility.basis",
          type: "choice",
          required: true,
          label: { en: "Why are you eligible to apply for citizenship?", es: "¿Por qué tiene derecho a solicitar la ciudadanía?" },
          help: {
            en: "Choose the one that fits best. Your legal team will confirm it with you.",
            es: "Elija la opción que mejor corresponda. Su equipo legal la confirmará con usted.",
          },
          options: [
            {
              value: "lpr5",
              label: { en: "I have been a permanent resident for at least 5 years", es: "He sido residente permanente durante al menos 5 años" },
            },
            {
              value: "marriedToCitizen3",
              label: {
                en: "I have been a permanent resident for at least 3 years, and for those 3 years I have been married to and living with the same U.S. citizen",
                es: "He sido residente permanente durante al menos 3 años y, durante esos 3 años, he estado casado/a y he vivido con el/la mismo/a ciudadano/a de EE. UU.",
              },
            },
            { value: "military", label: { en: "Qualifying service in the U.S. armed forces", es: "Servicio válido en las fuerzas armadas de EE. UU." } },
            { value: "other", label: { en: "Another reason", es: "Otro motivo" } },
          ],
        },
        {
          key: "applicant.eligibility.otherDetails",
          type: "textarea",
          required: true,
          label: { en: "Describe the reason you are eligible", es: "Describa el motivo por el que tiene derecho" },
          showIf: { key: "applicant.eligibility.basis", equals: ["other"] },
        },
        {
          key: "applicant.lprDate",
          type: "date",
          required: true,
          label: { en: "Date you became a lawful permanent resident", es: "Fecha en que obtuvo la residencia permanente legal" },
          help: { en: 'Printed on your green card as "Resident Since".', es: "Aparece en su tarjeta de residente como «Resident Since»." },
        },
        {
          key: "applicant.aNumber",
          type: "a-number",
          required: true,
          label: { en: "A-Number", es: "Número A (A-Number)" },
          help: {
            en: 'Your Alien Registration Number: 7 to 9 digits starting with "A". It is printed on your green card as "USCIS#" and on your USCIS notices.',
            es: "Su Número de Registro de Extranjero: de 7 a 9 dígitos que empiezan con «A». Aparece en su tarjeta de residente como «USCIS#» y en sus avisos de USCIS.",
          },
        },
        {
          key: "applicant.uscisAccountNumber",
          type: "text",
          required: false,
          maxLength: 14,
          label: { en: "USCIS online account number", es: "Número de cuenta en línea de USCIS" },
          help: {
            en: "A 12-digit number you receive when you create an account at my.uscis.gov or file a form online. It is printed on the Account Access Notice and on some USCIS notices. It is not your A-Number. Leave empty if you do not have one.",
            es: "Un número de 12 dígitos que recibe al crear una cuenta en my.uscis.gov o al presentar un formulario en línea. Aparece en el aviso de acceso a la cuenta (Account Access Notice) y en algunos avisos de USCIS. No es su A-Number. Déjelo en blanco si no tiene uno.",
          },
        },
      ],
    },
    {
      key: "names",
      title: { en: "Your name", es: "Su nombre" },
      questions: [
        {
          key: "applicant.name.family",
          type: "text",
          required: true,
          label: { en: "Family name (last name)", es: "Apellido(s)" },
          help: { en: "Your current legal name.", es: "Su nombre legal actual." },
        },
        { key: "applicant.name.given", type: "text", required: true, label: { en: "Given name (first name)", es: "Nombre de pila" } },
        { key: "applicant.name.middle", type: "text", required: false, label: { en: "Middle name", es: "Segundo nombre" } },
        {
          key: "applicant.otherNames",
          type: "group",
          required: false,
          minRows: 0,
          maxRows: 10,
          label: { en: "Other names you have used since birth", es: "Otros nombres que ha usado desde que nació" },
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
        {
          key: "applicant.nameChange.wanted",
          type: "yesno",
          required: true,
          label: { en: "Would you like to legally change your name?", es: "¿Desea cambiar legalmente su nombre?" },
          help: {
            en: "Some courts can change your name as part of the naturalization ceremony. Your legal team will tell you whether this is possible where you live.",
            es: "Algunos tribunales pueden cambiarle el nombre durante la ceremonia de naturalización. Su equipo legal le dirá si esto es posible donde usted vive.",
          },
        },
        {
          key: "applicant.nameChange.family",
          type: "text",
          required: true,
          label: { en: "New family name (last name)", es: "Nuevo apellido" },
          showIf: { key: "applicant.nameChange.wanted", equals: [true] },
        },
        {
          key: "applicant.nameChange.given",
          type: "text",
          required: true,
          label: { en: "New given name (first name)", es: "Nuevo nombre de pila" },
          showIf: { key: "applicant.nameChange.wanted", equals: [true] },
        },
        {
          key: "applicant.nameChange.middle",
          type: "text",
          required: false,
          label: { en: "New middle name", es: "Nuevo segundo nombre" },
          showIf: { key: "applicant.nameChange.wanted", equals: [true] },
        },
      ],
    },
    {
      key: "personal",
      title: { en: "About you", es: "Sus datos personales" },
      questions: [
        { key: "applicant.birthDate", type: "date", required: true, label: { en: "Date of birth", es: "Fecha de nacimiento" } },
        { key: "applicant.birthCountry", type: "country", required: true, label: { en: "Country of birth", es: "País de nacimiento" } },
        {
          key: "applicant.citizenshipCountry",
          type: "country",
          required: true,
          label: { en: "Country of citizenship or nationality", es: "País de ciudadanía o nacionalidad" },
        },
        {
          key: "applicant.sex",
          type: "choice",
          required: true,
          label: { en: "Sex", es: "Sexo" },
          options: [
            { value: "male", label: { en: "Male", es: "Masculino" } },
            { value: "female", label: { en: "Female", es: "Femenino" } },
          ],
        },
        {
          key: "applicant.ssn",
          type: "ssn",
          required: false,
          label: { en: "U.S. Social Security number", es: "Número de Seguro Social de EE. UU." },
          help: { en: "Nine digits. Leave empty if you do not have one.", es: "Nueve dígitos. Déjelo en blanco si no tiene uno." },
        },
        {
          key: "applicant.disability.accommodation",
          type: "yesno",
          required: true,
          label: {
            en: "Do you need an accommodation at your interview because of a disability or impairment?",
            es: "¿Necesita alguna adaptación en su entrevista debido a una discapacidad o un impedimento?",
          },
          help: {
            en: "For example a sign language interpreter, wheelchair access or extra time. This does not affect your eligibility.",
            es: "Por ejemplo, un intérprete de lengua de señas, acceso para silla de ruedas o más tiempo. Esto no afecta su elegibilidad.",
          },
        },
        {
          key: "applicant.disability.description",
          type: "textarea",
          required: true,
          label: { en: "Describe the accommodation you need and why", es: "Describa la adaptación que necesita y el motivo" },
          showIf: { key: "applicant.disability.accommodation", equals: [true] },
        },
      ],
    },
    {
      key: "contact",
      title: { en: "Your contact information", es: "Su información de contacto" },
      questions: [
        { key: "applicant.phone", type: "phone", required: true, label: { en: "Daytime phone number", es: "Teléfono durante el día" } },
        { key: "applicant.email", type: "email", required: true, label: { en: "Email address", es: "Correo electrónico" } },
      ],
    },
    {
      key: "residence",
      title: { en: "Where you have lived", es: "Dónde ha vivido" },
      questions: [
        {
          key: "applicant.addressHistory",
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
      key: "marital",
      title: { en: "Your marital history", es: "Su historial matrimonial" },
      questions: [
        {
          key: "applicant.maritalStatus",
          type: "choice",
          required: true,
          label: { en: "Your current marital status", es: "Su estado civil actual" },
          options: [
            { value: "single", label: { en: "Single, never married", es: "Soltero/a, nunca se ha casado" } },
            { value: "married", label: { en: "Married", es: "Casado/a" } },
            { value: "divorced", label: { en: "Divorced", es: "Divorciado/a" } },
            { value: "widowed", label: { en: "Widowed", es: "Viudo/a" } },
            { value: "separated", label: { en: "Separated", es: "Separado/a" } },
            { value: "annulled", label: { en: "Marriage annulled", es: "Matrimonio anulado" } },
          ],
        },
        {
          key: "applicant.timesMarried",
          type: "number",
          required: true,
          label: { en: "How many times have you been married?", es: "¿Cuántas veces se ha casado?" },
          help: {
            en: "Count every marriage, including your current one and any that were annulled. Write 0 if you have never married.",
            es: "Cuente todos sus matrimonios, incluidos el actual y los que se anularon. Escriba 0 si nunca se ha casado.",
          },
        },
        {
          key: "applicant.spouse.family",
          type: "text",
          required: true,
          label: { en: "Your spouse's family name (last name)", es: "Apellido(s) de su cónyuge" },
          showIf: { key: "applicant.maritalStatus", equals: ["married", "separated"] },
        },
        {
          key: "applicant.spouse.given",
          type: "text",
          required: true,
          label: { en: "Your spouse's given name (first name)", es: "Nombre de pila de su cónyuge" },
          showIf: { key: "applicant.maritalStatus", equals: ["married", "separated"] },
        },
        {
          key: "applicant.spouse.birthDate",
          type: "date",
          required: true,
          label: { en: "Your spouse's date of birth", es: "Fecha de nacimiento de su cónyuge" },
          showIf: { key: "applicant.maritalStatus", equals: ["married", "separated"] },
        },
        {
          key: "applicant.spouse.marriageDate",
          type: "date",
          required: true,
          label: { en: "Date you married your current spouse", es: "Fecha en que se casó con su cónyuge actual" },
          showIf: { key: "applicant.maritalStatus", equals: ["married", "separated"] },
        },
        {
          key: "applicant.spouse.timesMarried",
          type: "number",
          required: true,
          label: { en: "How many times has your spouse been married?", es: "¿Cuántas veces se ha casado su cónyuge?" },
          help: { en: "Include the marriage to you.", es: "Incluya el matrimonio con usted." },
          showIf: { key: "applicant.maritalStatus", equals: ["married", "separated"] },
        },
        {
          key: "applicant.spouse.isCitizen",
          type: "yesno",
          required: true,
          label: { en: "Is your spouse a U.S. citizen?", es: "¿Su cónyuge es ciudadano/a de EE. UU.?" },
          showIf: { key: "applicant.maritalStatus", equals: ["married", "separated"] },
        },
        {
          key: "applicant.spouse.citizenSince",
          type: "date",
          required: true,
          label: { en: "Date your spouse became a U.S. citizen", es: "Fecha en que su cónyuge se hizo ciudadano/a de EE. UU." },
          help: {
            en: "If your spouse was born a U.S. citizen, enter their date of birth.",
            es: "Si su cónyuge es ciudadano/a de EE. UU. por nacimiento, escriba su fecha de nacimiento.",
          },
          showIf: { key: "applicant.spouse.isCitizen", equals: [true] },
        },
        {
          key: "applicant.spouse.aNumber",
          type: "a-number",
          required: false,
          label: { en: "Your spouse's A-Number", es: "Número A (A-Number) de su cónyuge" },
          help: {
            en: 'The 7- to 9-digit number starting with "A" on your spouse\'s green card or USCIS notices, if they have one. Leave empty if they do not.',
            es: "El número de 7 a 9 dígitos que empieza con «A» y aparece en la tarjeta de residente o en los avisos de USCIS de su cónyuge, si tiene uno. Déjelo en blanco si no tiene.",
          },
          showIf: { key: "applicant.maritalStatus", equals: ["married", "separated"] },
        },
      ],
    },
    {
      key: "children",
      title: { en: "Your children", es: "Sus hijos" },
      questions: [
        {
          key: "applicant.childrenCount",
          type: "number",
          required: true,
          label: { en: "How many sons and daughters have you had in total?", es: "¿Cuántos hijos e hijas ha tenido en total?" },
          help: {
            en: "Count all of them: living or deceased, missing, adults or minors, married or unmarried, living with you or elsewhere, stepchildren, legally adopted children and children born when you were not married. Write 0 if none.",
            es: "Cuéntelos a todos: vivos o fallecidos, desaparecidos, adultos o menores, casados o solteros, que vivan con usted o en otro lugar, hijastros, hijos adoptados legalmente e hijos nacidos cuando usted no estaba casado/a. Escriba 0 si no tiene.",
          },
        },
        {
          key: "applicant.children",
          type: "group",
          required: false,
          minRows: 0,
          maxRows: 20,
          label: { en: "Your sons and daughters", es: "Sus hijos e hijas" },
          help: { en: "Add one entry for each son or daughter you counted above.", es: "Agregue un registro por cada hijo o hija que contó arriba." },
          questions: [
            { key: "family", type: "text", required: true, label: { en: "Family name (last name)", es: "Apellido(s)" } },
            { key: "given", type: "text", required: true, label: { en: "Given name (first name)", es: "Nombre de pila" } },
            { key: "birthDate", type: "date", required: true, label: { en: "Date of birth", es: "Fecha de nacimiento" } },
            {
              key: "relationship",
              type: "choice",
              required: true,
              label: { en: "Relationship to you", es: "Parentesco con usted" },
              options: [
                { value: "biological", label: { en: "Biological son or daughter", es: "Hijo o hija biológico/a" } },
                { value: "stepchild", label: { en: "Stepson or stepdaughter", es: "Hijastro o hijastra" } },
                { value: "adopted", label: { en: "Legally adopted son or daughter", es: "Hijo o hija adoptado/a legalmente" } },
              ],
            },
            { key: "livesWithYou", type: "yesno", required: true, label: { en: "Does this child live with you?", es: "¿Este hijo o hija vive con usted?" } },
          ],
        },
      ],
    },
    {
      key: "employment",
      title: { en: "Your jobs and schools", es: "Sus empleos y estudios" },
      questions: [
        {
          key: "applicant.employmentHistory",
          type: "group",
          required: true,
          minRows: 1,
          maxRows: 20,
          label: { en: "Where you have worked or studied in the last 5 years", es: "Dónde ha trabajado o estudiado en los últimos 5 años" },
          help: {
            en: 'Start with your current job or school and go back 5 years, including military service and work abroad. For periods without a job, add an entry with "Unemployed" or "Retired" as the employer; if you are self-employed, write "Self-employed".',
            es: "Empiece por su empleo o escuela actual y retroceda 5 años, incluidos el servicio militar y el trabajo en el extranjero. Para los períodos sin empleo, agregue un registro con «Desempleado/a» o «Jubilado/a» como empleador; si trabaja por cuenta propia, escriba «Trabajador/a independiente».",
          },
          continuity: {
            fromKey: "from",
            toKey: "to",
            years: 5,
            label: {
              en: "Your jobs and schools (and any time without a job) must cover the last 5 years up to today, without gaps.",
              es: "Sus empleos y estudios (y cualquier período sin empleo) deben cubrir los últimos 5 años hasta hoy, sin interrupciones.",
            },
          },
          questions: [
            { key: "employerOrSchool", type: "text", required: true, label: { en: "Employer or school name", es: "Nombre del empleador o de la escuela" } },
            {
              key: "occupation",
              type: "text",
              required: true,
              label: { en: "Occupation or field of study", es: "Ocupación o área de estudio" },
            },
            { key: "address", type: "address", required: false, label: { en: "Address of the employer or school", es: "Dirección del empleador o de la escuela" } },
            { key: "from", type: "date", required: true, label: { en: "From", es: "Desde" } },
            {
              key: "to",
              type: "date",
              required: false,
              label: { en: "Until", es: "Hasta" },
              help: { en: "Leave empty if you still work or study here.", es: "Déjelo en blanco si todavía trabaja o estudia aquí." },
            },
          ],
        },
      ],
    },
    {
      key: "trips",
      title: { en: "Your trips outside the United States", es: "Sus viajes fuera de Estados Unidos" },
      questions: [
        {
          key: "applicant.trips",
          type: "group",
          required: false,
          minRows: 0,
          maxRows: 60,
          label: {
            en: "Trips outside the United States that lasted 24 hours or more, in the last 5 years",
            es: "Viajes fuera de Estados Unidos de 24 horas o más en los últimos 5 años",
          },
          help: {
            en: "Include every trip, also short ones to Canada or Mexico. Your passport stamps and travel records can help you find the dates. Leave empty if you have not left the United States.",
            es: "Incluya todos los viajes, también los cortos a Canadá o México. Los sellos de su pasaporte y sus registros de viaje pueden ayudarle a encontrar las fechas. Déjelo en blanco si no ha salido de Estados Unidos.",
          },
          questions: [
            { key: "departureDate", type: "date", required: true, label: { en: "Date you left the United States", es: "Fecha en que salió de Estados Unidos" } },
            { key: "returnDate", type: "date", required: true, label: { en: "Date you returned to the United States", es: "Fecha en que regresó a Estados Unidos" } },
            { key: "countries", type: "text", required: true, label: { en: "Countries you went to", es: "Países que visitó" } },
          ],
        },
      ],
    },
    {
      key: "moralCharacter",
      title: { en: "Background questions", es: "Preguntas sobre sus antecedentes" },
      intro: {
        en: "Answer every question truthfully. Answering Yes does not automatically mean you cannot become a citizen, but an untrue answer can. If you answer Yes, explain, and your legal team will review it with you.",
        es: "Responda todas las preguntas con la verdad. Responder Sí no significa automáticamente que no pueda hacerse ciudadano/a, pero una respuesta falsa sí puede impedirlo. Si responde Sí, explique, y su equipo legal lo revisará con usted.",
      },
      questions: [
        ...moralQuestion(
          "claimedCitizenship",
          {
            en: "Have you EVER claimed to be a U.S. citizen (in writing or any other way)?",
            es: "¿ALGUNA VEZ ha afirmado ser ciudadano/a de EE. UU. (por escrito o de cualquier otra forma)?",
          },
          {
            en: "For example, by checking the “U.S. citizen” box on a job application (Form I-9) or a driver's license form.",
            es: "Por ejemplo, al marcar la casilla de «ciudadano/a de EE. UU.» en una solicitud de empleo (Formulario I-9) o en un formulario de licencia de conducir.",
          },
        ),
        ...moralQuestion(
          "voted",
          {
            en: "Have you EVER registered to vote or voted in any federal, state, or local election in the United States?",
            es: "¿ALGUNA VEZ se ha inscrito para votar o ha votado en alguna elección federal, estatal o local de Estados Unidos?",
          },
          {
            en: "Include registering by mistake, for example when getting a driver's license.",
            es: "Incluya las inscripciones hechas por error, por ejemplo al sacar la licencia de conducir.",
          },
        ),
        ...moralQuestion("taxesOwed", {
          en: "Do you currently owe any overdue federal, state, or local taxes in the United States?",
          es: "¿Debe actualmente impuestos federales, estatales o locales vencidos en Estados Unidos?",
        }),
        ...moralQuestion("nonresidentTaxReturn", {
          en: "Since you became a permanent resident, have you ever called yourself a “nonresident alien” on a tax return, or decided not to file a tax return because you considered yourself a nonresident?",
          es: "Desde que obtuvo la residencia permanente, ¿alguna vez se declaró «extranjero no residente» en una declaración de impuestos, o decidió no presentar la declaración porque se consideraba no residente?",
        }),
        ...moralQuestion(
          "arrested",
          {
            en: "Have you EVER been arrested, cited, or detained by any law enforcement officer (including immigration officials and the U.S. armed forces) for any reason?",
            es: "¿ALGUNA VEZ lo/la ha arrestado, citado o detenido algún agente del orden (incluidos los funcionarios de inmigración y las fuerzas armadas de EE. UU.) por cualquier motivo?",
          },
          {
            en: "Include traffic citations with fines over $500 or involving alcohol or drugs, and any record that was sealed, expunged or cleared.",
            es: "Incluya las multas de tránsito de más de $500 o relacionadas con alcohol o drogas, y cualquier antecedente sellado, eliminado o borrado.",
          },
        ),
        ...moralQuestion("crimeNotArrested", {
          en: "Have you EVER committed, agreed to commit, asked someone else to commit, helped commit, or tried to commit a crime or offense for which you were NOT arrested?",
          es: "¿ALGUNA VEZ ha cometido, acordado cometer, pedido a otra persona que cometiera, ayudado a cometer o intentado cometer un delito o una infracción por los que NO lo/la arrestaron?",
        }),
        ...moralQuestion("controlledSubstances", {
          en: "Have you EVER violated, or tried or conspired to violate, any law about controlled substances or illegal drugs, in the United States or any other country?",
          es: "¿ALGUNA VEZ ha violado, o intentado o conspirado para violar, alguna ley sobre sustancias controladas o drogas ilegales, en Estados Unidos o en otro país?",
        }),
        ...moralQuestion("illegalGambling", {
          en: "Have you EVER received income from illegal gambling?",
          es: "¿ALGUNA VEZ ha recibido ingresos de juegos de azar ilegales?",
        }),
        ...moralQuestion("failedSupport", {
          en: "Have you EVER failed to support your dependents (pay child support) or to pay court-ordered alimony?",
          es: "¿ALGUNA VEZ ha dejado de mantener a sus dependientes (pagar la manutención de sus hijos) o de pagar la pensión alimenticia ordenada por un tribunal?",
        }),
        ...moralQuestion("falseInformation", {
          en: "Have you EVER given any U.S. government official any information or documents that were false, fraudulent, or misleading?",
          es: "¿ALGUNA VEZ ha dado a algún funcionario del gobierno de EE. UU. información o documentos falsos, fraudulentos o engañosos?",
        }),
        ...moralQuestion("liedForBenefit", {
          en: "Have you EVER lied to any U.S. government official to enter the United States or to get an immigration benefit?",
          es: "¿ALGUNA VEZ le ha mentido a algún funcionario del gobierno de EE. UU. para entrar a Estados Unidos o para obtener un beneficio migratorio?",
        }),
        ...moralQuestion("removalProceedings", {
          en: "Are you now in removal proceedings, or have you EVER been removed, deported, or in removal, exclusion, rescission, or deportation proceedings?",
          es: "¿Está actualmente en un proceso de expulsión, o ALGUNA VEZ lo/la han expulsado o deportado, o ha estado en un proceso de expulsión, exclusión, rescisión o deportación?",
        }),
      ],
    },
    {
      key: "selectiveService",
      title: { en: "Selective Service", es: "Servicio Selectivo" },
      questions: [
        {
          key: "applicant.selectiveService.applies",
          type: "yesno",
          required: true,
          label: {
            en: "Did you live in the United States at any time between your 18th and 26th birthdays?",
            es: "¿Vivió en Estados Unidos en algún momento entre los 18 y los 26 años de edad?",
          },
          help: {
            en: "Men who lived in the United States at those ages generally had to register with the Selective Service. Answer No if you were in a lawful nonimmigrant status (for example a student or tourist visa) the whole time.",
            es: "Los hombres que vivieron en Estados Unidos a esas edades, por lo general, debían inscribirse en el Servicio Selectivo. Responda No si tuvo un estatus legal de no inmigrante (por ejemplo, una visa de estudiante o de turista) durante todo ese tiempo.",
          },
          showIf: { key: "applicant.sex", equals: ["male"] },
        },
        {
          key: "applicant.selectiveService.registered",
          type: "yesno",
          required: true,
          label: { en: "Did you register with the Selective Service?", es: "¿Se inscribió en el Servicio Selectivo?" },
          showIf: { key: "applicant.selectiveService.applies", equals: [true] },
        },
        {
          key: "applicant.selectiveService.number",
          type: "text",
          required: true,
          maxLength: 20,
          label: { en: "Selective Service registration number", es: "Número de inscripción en el Servicio Selectivo" },
          help: {
            en: "You can look it up at sss.gov with your name, date of birth and Social Security number.",
            es: "Puede consultarlo en sss.gov con su nombre, fecha de nacimiento y número de Seguro Social.",
          },
          showIf: { key: "applicant.selectiveService.registered", equals: [true] },
        },
        {
          key: "applicant.selectiveService.notRegisteredReason",
          type: "textarea",
          required: true,
          label: { en: "Why did you not register?", es: "¿Por qué no se inscribió?" },
          help: {
            en: "Your legal team may ask you to request a Status Information Letter from the Selective Service.",
            es: "Es posible que su equipo legal le pida que solicite una carta de información sobre su situación (Status Information Letter) al Servicio Selectivo.",
          },
          showIf: { key: "applicant.selectiveService.registered", equals: [false] },
        },
      ],
    },
  ],
};
