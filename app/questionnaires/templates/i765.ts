/**
 * Form I-765, Application for Employment Authorization: answered by the applicant ("you").
 * Keys: "applicant.*" (see docs/questionnaire-keys.md).
 */
import type { QuestionnaireTemplate } from "~/questionnaires/template-types";

export const i765: QuestionnaireTemplate = {
  id: "i-765",
  version: 1,
  title: { en: "Application for Employment Authorization (Form I-765)", es: "Solicitud de autorización de empleo (Formulario I-765)" },
  description: {
    en: "Questions about you, your immigration documents and why you are asking for a work permit (EAD). Your legal team uses your answers to prepare Form I-765.",
    es: "Preguntas sobre usted, sus documentos migratorios y el motivo por el que solicita un permiso de trabajo (EAD). Su equipo legal usará sus respuestas para preparar el Formulario I-765.",
  },
  caseTypes: ["I765_WORK_PERMIT"],
  passportScan: [
    {
      key: "applicant",
      label: { en: "Your passport", es: "Su pasaporte" },
      fields: {
        surname: "applicant.name.family",
        givenNames: "applicant.name.given",
        birthDate: "applicant.birthDate",
        sex: "applicant.sex",
        documentNumber: "applicant.passport.number",
        issuingCountry: "applicant.passport.country",
        expiryDate: "applicant.passport.expiry",
      },
    },
  ],
  sections: [
    {
      key: "reason",
      title: { en: "Why you are applying", es: "Por qué presenta la solicitud" },
      questions: [
        {
          key: "applicant.reason",
          type: "choice",
          required: true,
          label: { en: "I am applying for…", es: "Solicito…" },
          options: [
            { value: "initial", label: { en: "My first work permit", es: "Mi primer permiso de trabajo" } },
            {
              value: "replacement",
              label: {
                en: "A replacement for a lost, stolen or damaged work permit",
                es: "Un reemplazo de un permiso de trabajo perdido, robado o dañado",
              },
            },
            { value: "renewal", label: { en: "A renewal of my work permit", es: "La renovación de mi permiso de trabajo" } },
          ],
        },
        {
          key: "applicant.previousEad.cardNumber",
          type: "text",
          required: false,
          maxLength: 13,
          label: { en: "Card number of your previous work permit", es: "Número de tarjeta de su permiso de trabajo anterior" },
          help: {
            en: 'Printed on the front of the card as "Card#": three letters followed by ten digits, for example IOE0912345678. Leave empty if you no longer have the card.',
            es: "Aparece en el frente de la tarjeta como «Card#»: tres letras seguidas de diez dígitos, por ejemplo IOE0912345678. Déjelo en blanco si ya no tiene la tarjeta.",
          },
          showIf: { key: "applicant.reason", equals: ["replacement", "renewal"] },
        },
        {
          key: "applicant.previousEad.expiry",
          type: "date",
          required: true,
          allowFuture: true,
          label: { en: "Expiration date of your previous work permit", es: "Fecha de vencimiento de su permiso de trabajo anterior" },
          help: { en: 'Printed on the card as "Card Expires".', es: "Aparece en la tarjeta como «Card Expires»." },
          showIf: { key: "applicant.reason", equals: ["replacement", "renewal"] },
        },
        {
          key: "applicant.eligibilityCategory",
          type: "text",
          required: true,
          maxLength: 20,
          label: { en: "Eligibility category", es: "Categoría de elegibilidad" },
          help: {
            en: "The code of the legal basis for your work permit, written with letters and numbers in brackets, for example (c)(9) for a pending green card application, (c)(8) for a pending asylum application, (a)(12) for TPS or (c)(33) for DACA. It is printed on a current work permit under \"Category\". Ask your legal team if you are not sure.",
            es: "El código de la base legal de su permiso de trabajo, escrito con letras y números entre paréntesis, por ejemplo (c)(9) si tiene pendiente una solicitud de residencia, (c)(8) si tiene pendiente una solicitud de asilo, (a)(12) para TPS o (c)(33) para DACA. Aparece en un permiso de trabajo vigente en el campo «Category». Pregunte a su equipo legal si no está seguro/a.",
          },
        },
        {
          key: "applicant.underlyingReceiptNumber",
          type: "receipt-number",
          required: false,
          label: {
            en: "Receipt number of the application your eligibility is based on",
            es: "Número de recibo de la solicitud en la que se basa su elegibilidad",
          },
          help: {
            en: "If your work permit depends on another application (for example Form I-485 or I-589), enter its receipt number: three letters and ten digits, printed on the USCIS receipt notice (Form I-797C), for example IOE0123456789. Leave empty if this does not apply.",
            es: "Si su permiso de trabajo depende de otra solicitud (por ejemplo el Formulario I-485 o I-589), escriba su número de recibo: tres letras y diez dígitos, impreso en el aviso de recibo de USCIS (Formulario I-797C), por ejemplo IOE0123456789. Déjelo en blanco si no corresponde.",
          },
        },
        {
          key: "applicant.pendingAsylum",
          type: "yesno",
          required: true,
          label: {
            en: "Are you applying because you have a pending asylum application (category (c)(8))?",
            es: "¿Presenta esta solicitud porque tiene pendiente una solicitud de asilo (categoría (c)(8))?",
          },
        },
        {
          key: "applicant.c8.everArrested",
          type: "yesno",
          required: true,
          label: {
            en: "Have you EVER been arrested for or convicted of any crime, in any country?",
            es: "¿ALGUNA VEZ lo/la han arrestado o condenado por algún delito, en cualquier país?",
          },
          help: {
            en: "Include arrests that did not lead to charges and convictions that were later cleared. Your legal team will review your answer with you.",
            es: "Incluya los arrestos que no terminaron en cargos y las condenas que luego se anularon. Su equipo legal revisará su respuesta con usted.",
          },
          showIf: { key: "applicant.pendingAsylum", equals: [true] },
        },
        {
          key: "applicant.c8.arrestDetails",
          type: "textarea",
          required: true,
          label: {
            en: "For each arrest or conviction: the date, the place, the charge and what happened",
            es: "Para cada arresto o condena: la fecha, el lugar, el cargo y lo que sucedió",
          },
          showIf: { key: "applicant.c8.everArrested", equals: [true] },
        },
        {
          key: "applicant.previouslyFiled",
          type: "yesno",
          required: true,
          label: { en: "Have you ever filed Form I-765 before?", es: "¿Alguna vez ha presentado antes el Formulario I-765?" },
        },
      ],
    },
    {
      key: "names",
      title: { en: "Your name", es: "Su nombre" },
      questions: [
        { key: "applicant.name.family", type: "text", required: true, label: { en: "Family name (last name)", es: "Apellido(s)" } },
        { key: "applicant.name.given", type: "text", required: true, label: { en: "Given name (first name)", es: "Nombre de pila" } },
        { key: "applicant.name.middle", type: "text", required: false, label: { en: "Middle name", es: "Segundo nombre" } },
        {
          key: "applicant.otherNames",
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
      ],
    },
    {
      key: "contact",
      title: { en: "Your address and contact information", es: "Su dirección e información de contacto" },
      questions: [
        {
          key: "applicant.mailingAddress",
          type: "address",
          required: true,
          label: { en: "Mailing address", es: "Dirección postal" },
          help: {
            en: "Where USCIS should send your notices and your card. It must be an address where you can reliably receive mail.",
            es: "Donde USCIS debe enviarle los avisos y la tarjeta. Debe ser una dirección donde pueda recibir correo sin problemas.",
          },
        },
        {
          key: "applicant.mailingInCareOf",
          type: "text",
          required: false,
          label: { en: "In care of (name of the person who receives your mail)", es: "A cargo de (nombre de la persona que recibe su correo)" },
          help: {
            en: "Only if your mail goes to someone else's address. Leave empty otherwise.",
            es: "Solo si su correo llega a la dirección de otra persona. De lo contrario, déjelo en blanco.",
          },
        },
        {
          key: "applicant.physicalSameAsMailing",
          type: "yesno",
          required: true,
          label: { en: "Do you live at your mailing address?", es: "¿Vive usted en su dirección postal?" },
        },
        {
          key: "applicant.physicalAddress",
          type: "address",
          required: true,
          label: { en: "Address where you live", es: "Dirección donde vive" },
          help: {
            en: "Your home address in the United States. It cannot be a P.O. box.",
            es: "La dirección de su domicilio en Estados Unidos. No puede ser un apartado postal.",
          },
          showIf: { key: "applicant.physicalSameAsMailing", equals: [false] },
        },
        { key: "applicant.phone", type: "phone", required: true, label: { en: "Daytime phone number", es: "Teléfono durante el día" } },
        { key: "applicant.email", type: "email", required: false, label: { en: "Email address", es: "Correo electrónico" } },
      ],
    },
    {
      key: "identityNumbers",
      title: { en: "Your identification numbers", es: "Sus números de identificación" },
      questions: [
        {
          key: "applicant.aNumber",
          type: "a-number",
          required: false,
          label: { en: "A-Number", es: "Número A (A-Number)" },
          help: {
            en: 'The Alien Registration Number (A-Number) is the 7- to 9-digit number USCIS gives some immigrants. It starts with an "A" and appears on work permits (EAD), green cards and USCIS notices. Leave empty if you do not have one.',
            es: "El Número de Registro de Extranjero (A-Number) es el número de 7 a 9 dígitos que USCIS asigna a algunos inmigrantes. Empieza con una «A» y aparece en el permiso de trabajo (EAD), en la tarjeta de residente y en los avisos de USCIS. Déjelo en blanco si no tiene uno.",
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
        {
          key: "applicant.hasSsn",
          type: "yesno",
          required: true,
          label: {
            en: "Has the Social Security Administration (SSA) ever issued you a Social Security card?",
            es: "¿La Administración del Seguro Social (SSA) le ha expedido alguna vez una tarjeta de Seguro Social?",
          },
        },
        {
          key: "applicant.ssn",
          type: "ssn",
          required: true,
          label: { en: "Social Security number", es: "Número de Seguro Social" },
          showIf: { key: "applicant.hasSsn", equals: [true] },
        },
        {
          key: "applicant.ssa.wantCard",
          type: "yesno",
          required: true,
          label: {
            en: "Do you want the SSA to issue you a Social Security card?",
            es: "¿Desea que la SSA le expida una tarjeta de Seguro Social?",
          },
          help: {
            en: "If you answer Yes, USCIS shares your information with the SSA so you get a card (or a new card, for example after a name change) without a separate visit to an SSA office.",
            es: "Si responde Sí, USCIS comparte su información con la SSA para que reciba una tarjeta (o una nueva, por ejemplo después de un cambio de nombre) sin tener que ir a una oficina de la SSA.",
          },
        },
        {
          key: "applicant.ssa.consent",
          type: "yesno",
          required: true,
          label: {
            en: "Do you allow USCIS to share the information from this application with the SSA to assign you a number and issue the card?",
            es: "¿Autoriza a USCIS a compartir la información de esta solicitud con la SSA para asignarle un número y expedirle la tarjeta?",
          },
          help: {
            en: "The SSA can only issue the card if you answer Yes.",
            es: "La SSA solo puede expedir la tarjeta si responde Sí.",
          },
          showIf: { key: "applicant.ssa.wantCard", equals: [true] },
        },
        {
          key: "applicant.ssa.father.family",
          type: "text",
          required: true,
          label: { en: "Your father's family name (last name) at birth", es: "Apellido(s) de su padre al nacer" },
          showIf: { key: "applicant.ssa.consent", equals: [true] },
        },
        {
          key: "applicant.ssa.father.given",
          type: "text",
          required: true,
          label: { en: "Your father's given name (first name)", es: "Nombre de pila de su padre" },
          showIf: { key: "applicant.ssa.consent", equals: [true] },
        },
        {
          key: "applicant.ssa.mother.family",
          type: "text",
          required: true,
          label: { en: "Your mother's family name (last name) at birth", es: "Apellido(s) de su madre al nacer" },
          showIf: { key: "applicant.ssa.consent", equals: [true] },
        },
        {
          key: "applicant.ssa.mother.given",
          type: "text",
          required: true,
          label: { en: "Your mother's given name (first name)", es: "Nombre de pila de su madre" },
          showIf: { key: "applicant.ssa.consent", equals: [true] },
        },
      ],
    },
    {
      key: "personal",
      title: { en: "About you", es: "Sus datos personales" },
      questions: [
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
          key: "applicant.maritalStatus",
          type: "choice",
          required: true,
          label: { en: "Marital status", es: "Estado civil" },
          options: [
            { value: "single", label: { en: "Single", es: "Soltero/a" } },
            { value: "married", label: { en: "Married", es: "Casado/a" } },
            { value: "divorced", label: { en: "Divorced", es: "Divorciado/a" } },
            { value: "widowed", label: { en: "Widowed", es: "Viudo/a" } },
          ],
        },
        { key: "applicant.birthDate", type: "date", required: true, label: { en: "Date of birth", es: "Fecha de nacimiento" } },
        { key: "applicant.birthCity", type: "text", required: true, label: { en: "City or town of birth", es: "Ciudad o pueblo de nacimiento" } },
        {
          key: "applicant.birthState",
          type: "text",
          required: false,
          label: { en: "State or province of birth", es: "Estado o provincia de nacimiento" },
          help: { en: "Leave empty if your country of birth has no states or provinces.", es: "Déjelo en blanco si su país de nacimiento no tiene estados ni provincias." },
        },
        { key: "applicant.birthCountry", type: "country", required: true, label: { en: "Country of birth", es: "País de nacimiento" } },
        {
          key: "applicant.citizenships",
          type: "group",
          required: true,
          minRows: 1,
          maxRows: 5,
          label: { en: "Your countries of citizenship or nationality", es: "Sus países de ciudadanía o nacionalidad" },
          help: {
            en: "Add each country you are a citizen or national of now.",
            es: "Agregue cada país del que es ciudadano/a o nacional actualmente.",
          },
          questions: [{ key: "country", type: "country", required: true, label: { en: "Country of citizenship", es: "País de ciudadanía" } }],
        },
      ],
    },
    {
      key: "arrival",
      title: { en: "Your travel documents and last arrival", es: "Sus documentos de viaje y su última llegada" },
      questions: [
        {
          key: "applicant.i94Number",
          type: "text",
          required: false,
          maxLength: 11,
          label: { en: "I-94 arrival/departure record number", es: "Número del registro de entrada y salida I-94" },
          help: {
            en: "The 11-character number on your arrival/departure record (Form I-94). You can look it up and print it at i94.cbp.dhs.gov; older paper I-94 cards are usually stapled in the passport. Leave empty if you do not have one.",
            es: "El número de 11 caracteres de su registro de entrada y salida (Formulario I-94). Puede consultarlo e imprimirlo en i94.cbp.dhs.gov; las tarjetas I-94 de papel antiguas suelen estar engrapadas en el pasaporte. Déjelo en blanco si no tiene uno.",
          },
        },
        {
          key: "applicant.passport.number",
          type: "text",
          required: false,
          maxLength: 30,
          label: { en: "Passport number of your most recent passport", es: "Número de su pasaporte más reciente" },
          help: { en: "Leave empty if you have no passport.", es: "Déjelo en blanco si no tiene pasaporte." },
        },
        { key: "applicant.passport.country", type: "country", required: false, label: { en: "Country that issued your passport", es: "País que expidió su pasaporte" } },
        {
          key: "applicant.passport.expiry",
          type: "date",
          required: false,
          allowFuture: true,
          label: { en: "Passport expiration date", es: "Fecha de vencimiento del pasaporte" },
        },
        {
          key: "applicant.travelDocument.number",
          type: "text",
          required: false,
          maxLength: 30,
          label: { en: "Travel document number", es: "Número de documento de viaje" },
          help: {
            en: "Only if you travel with a document other than a passport, such as a refugee travel document. Leave empty otherwise.",
            es: "Solo si viaja con un documento distinto del pasaporte, como un documento de viaje de refugiado. De lo contrario, déjelo en blanco.",
          },
        },
        {
          key: "applicant.lastArrival.date",
          type: "date",
          required: true,
          label: { en: "Date of your last arrival in the United States", es: "Fecha de su última llegada a Estados Unidos" },
        },
        {
          key: "applicant.lastArrival.place",
          type: "text",
          required: true,
          label: { en: "Place of your last arrival", es: "Lugar de su última llegada" },
          help: {
            en: 'The airport, city or border crossing where you entered, for example "Miami, Florida" or "San Ysidro, California".',
            es: "El aeropuerto, la ciudad o el cruce fronterizo por donde entró, por ejemplo «Miami, Florida» o «San Ysidro, California».",
          },
        },
        {
          key: "applicant.lastArrival.status",
          type: "text",
          required: true,
          maxLength: 60,
          label: { en: "Your immigration status when you last arrived", es: "Su estatus migratorio cuando llegó por última vez" },
          help: {
            en: 'The status you were admitted in, as shown on your I-94 or visa, for example "B-2 visitor", "F-1 student" or "parolee". Write "entered without inspection" if you were not admitted.',
            es: "El estatus con el que lo/la admitieron, tal como aparece en su I-94 o en su visa, por ejemplo «visitante B-2», «estudiante F-1» o «parole». Escriba «entró sin inspección» si no lo/la admitieron.",
          },
        },
        {
          key: "applicant.currentStatus",
          type: "text",
          required: true,
          maxLength: 60,
          label: { en: "Your current immigration status or category", es: "Su estatus o categoría migratoria actual" },
          help: {
            en: 'For example "B-2 visitor", "F-1 student", "parolee", "asylum applicant", "TPS" or "no status". Ask your legal team if you are not sure.',
            es: "Por ejemplo «visitante B-2», «estudiante F-1», «parole», «solicitante de asilo», «TPS» o «sin estatus». Pregunte a su equipo legal si no está seguro/a.",
          },
        },
        {
          key: "applicant.sevisNumber",
          type: "text",
          required: false,
          maxLength: 11,
          label: { en: "SEVIS number", es: "Número SEVIS" },
          help: {
            en: "Only for F-1 and M-1 students: the number that starts with N followed by 10 digits, printed at the top of your Form I-20. Leave empty otherwise.",
            es: "Solo para estudiantes F-1 y M-1: el número que empieza con N seguido de 10 dígitos, impreso en la parte superior de su Formulario I-20. De lo contrario, déjelo en blanco.",
          },
        },
      ],
    },
  ],
};
